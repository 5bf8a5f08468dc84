import type { AnyChapter } from './chapter-rules';
import { isInkChapter } from './ink/ink-chapter';
import type { PlayableOutfit } from './playable-chapter';
import type { Refusal, StoryProgress } from './story-progress';

// A name and a wardrobe, as pure rules: what a `name` or `wear` message changes in the player's
// progress, and what it costs. The room saves the result like any step (with its charge).

export const MAX_PLAYER_NAME = 24;
/** Letters of any script (with their marks), spaces, apostrophes and hyphens. */
const NAME_PATTERN = /^[\p{L}\p{M}' ’-]+$/u;
const NAME_TOKEN = /\{name\}/g;

type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };
const refuse = (code: string, message: string, details?: Record<string, unknown>): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { code, message, ...(details ? { details } : {}) } });

/** 1–24 characters after trimming (inner runs of spaces made one): letters, spaces, apostrophes, hyphens. */
export function checkPlayerName(raw: string): Result<string> {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || [...name].length > MAX_PLAYER_NAME || !NAME_PATTERN.test(name) || !/\p{L}/u.test(name))
    return refuse('INVALID_NAME', `A name is 1–${MAX_PLAYER_NAME} letters, spaces, apostrophes and hyphens`, { maxLength: MAX_PLAYER_NAME });
  return { ok: true, value: name };
}

/** The name `{name}` stands for: the player's, else the protagonist's default; null when the story has no protagonist. */
export function playerNameOf(chapter: AnyChapter, progress: StoryProgress): string | null {
  if (isInkChapter(chapter)) return progress.playerName ?? null;
  return progress.playerName ?? chapter.protagonist?.defaultName ?? null;
}

/** Text with `{name}` replaced (left as written when there is no name to put there). */
export function withPlayerName(text: string, name: string | null): string {
  return name === null ? text : text.replace(NAME_TOKEN, name);
}

/** The scene asks for a name (and the story lets the player give one). */
export function asksForName(chapter: AnyChapter, progress: StoryProgress): boolean {
  if (isInkChapter(chapter)) return false;
  return chapter.protagonist?.nameable === true && chapter.scenes[progress.sceneId]?.nameEntry === true;
}

/** The outfits the scene offers: the story's wardrobe in a `wardrobe` scene, none elsewhere. */
export function offeredOutfits(chapter: AnyChapter, progress: StoryProgress): PlayableOutfit[] {
  if (isInkChapter(chapter) || chapter.scenes[progress.sceneId]?.wardrobe !== true) return [];
  return chapter.outfits ?? [];
}

/** `name {name}`: only where the scene asks; the new name is a saved step. */
export function nameCharacter(chapter: AnyChapter, progress: StoryProgress, raw: string): Result<StoryProgress | null> {
  if (!asksForName(chapter, progress)) return refuse('NAME_NOT_ASKED', 'This scene does not ask for a name');
  const name = checkPlayerName(raw);
  if (!name.ok) return name;
  if (progress.playerName === name.value) return { ok: true, value: null };
  return { ok: true, value: { ...progress, playerName: name.value, step: progress.step + 1 } };
}

export interface Wearing {
  progress: StoryProgress;
  /** Diamonds to charge: the outfit's cost the first time, 0 for a free or owned one. */
  diamonds: number;
  outfitId: string;
}

/**
 * `wear {outfitId}` in a wardrobe scene: a premium outfit not yet owned is bought (its cost), then
 * owned for good; a free or owned one is just worn. Null: already wearing it (nothing to save).
 */
export function wearOutfit(chapter: AnyChapter, progress: StoryProgress, outfitId: string): Result<Wearing | null> {
  const offered = offeredOutfits(chapter, progress);
  if (offered.length === 0) return refuse('WARDROBE_CLOSED', 'This scene does not open the wardrobe');
  const outfit = offered.find((o) => o.id === outfitId);
  if (!outfit) return refuse('UNKNOWN_OUTFIT', 'There is no such outfit in this story', { outfitId, outfits: offered.map((o) => o.id) });
  if (progress.outfit === outfit.id) return { ok: true, value: null };
  const owned = progress.ownedOutfits ?? [];
  const cost = outfit.cost ?? 0;
  const buying = cost > 0 && !owned.includes(outfit.id);
  return {
    ok: true,
    value: {
      progress: { ...progress, outfit: outfit.id, ...(buying ? { ownedOutfits: [...owned, outfit.id] } : {}), step: progress.step + 1 },
      diamonds: buying ? cost : 0,
      outfitId: outfit.id,
    },
  };
}
