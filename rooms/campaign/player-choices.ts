import { partyOf, type CampaignModel } from './rules/model';
import type { CampaignWorld } from './rules/world';

/** A join option refused: its error code and why. */
export interface JoinRefusal {
  code: 'INVALID_NAME' | 'INVALID_CHARACTER' | 'CHARACTER_TAKEN';
  message: string;
}

const NAME = /^[\p{L}\p{M}][\p{L}\p{M} '\u2019-]*$/u;

/**
 * The display name a player joins with: 1–24 characters after trimming, letters, spaces,
 * apostrophes and hyphens (never markup); undefined when they gave none.
 */
export function checkDisplayName(raw: unknown): { name: string | undefined } | { refusal: JoinRefusal } {
  if (raw === undefined || raw === null) return { name: undefined };
  const name = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
  if (name.length < 1 || name.length > 24 || !NAME.test(name)) {
    return { refusal: { code: 'INVALID_NAME', message: 'A name is 1–24 characters: letters, spaces, apostrophes and hyphens' } };
  }
  return { name };
}

/**
 * The world character a player plays: one of the world's characters nobody else at the table
 * plays, or (none asked) a character of their own. A player coming back keeps theirs.
 */
export function checkCharacter(world: CampaignWorld, model: CampaignModel, userId: string, raw: unknown): { character: string | null } | { refusal: JoinRefusal } {
  if (raw === undefined || raw === null || raw === '') return { character: model.players.find((p) => p.id === userId)?.character ?? null };
  const character = typeof raw === 'string' ? world.characters.find((c) => c.id === raw) : undefined;
  if (!character) return { refusal: { code: 'INVALID_CHARACTER', message: `"${String(raw).slice(0, 64)}" is not one of this world's characters`, } };
  if (partyOf(model).some((p) => p.id !== userId && p.character === character.id)) return { refusal: { code: 'CHARACTER_TAKEN', message: `${character.name} is already played by someone at the table` } };
  return { character: character.id };
}
