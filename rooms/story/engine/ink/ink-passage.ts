import { createHash } from 'node:crypto';
import type { Story } from 'inkjs';
import type { PlayableStep } from '../playable-chapter';
import type { InkChapter } from './ink-chapter';
import { ownKnot } from './ink-chapter';
import { choiceCost, lineSteps, type InkStage } from './ink-line';

/**
 * What `StoryProgress.inkState` holds: ink's own state JSON (with its random seed) at the start
 * of the passage the player stands at, plus the stage set so far (ink does not keep it).
 */
export interface InkSave {
  ink: string;
  stage: InkStage;
  /** Written once the passage ends the chapter: where the story stood, for the next chapter. */
  exit?: InkExit;
}

/** Where a chapter left the story: at another chapter's knot (the next chapter starts exactly there) or at its end. */
export interface InkExit {
  /** The chapter knot reached, or null for `-> END`/`-> DONE`. */
  knot: string | null;
  ink: string;
  stage: InkStage;
}

export interface InkChoice {
  id: string;
  index: number;
  text: string;
  cost: number;
}

/**
 * One passage: the lines from a saved state up to the next choice, the end, or a chapter boundary.
 * Choice ids carry the passage's digest, so a choice sent twice never picks an option of the next passage.
 */
export interface InkPassage {
  /** `<knot>~<digest of the state it starts from>`: changes on every step, the same on every replay. */
  id: string;
  steps: PlayableStep[];
  stage: InkStage;
  choices: InkChoice[];
  status: 'playing' | 'choice' | 'ended';
  /** Where the next passage starts after a page break ('playing'). */
  next: InkSave | null;
  /** Where the story stands when the passage ends the chapter ('ended'). */
  exit: InkExit | null;
}

/** A passage is cut into pages this long, so a story that loops without choices cannot hang the room. */
export const MAX_LINES_PER_PASSAGE = 200;

export function parseSave(inkState: string | undefined): InkSave | null {
  if (inkState === undefined) return null;
  const parsed = JSON.parse(inkState) as InkSave;
  return typeof parsed.ink === 'string' ? parsed : null;
}

/**
 * Plays from `save` to the next stop. Deterministic: the same save gives the same lines (ink's
 * random seed and visit counts are in its state). Leaves `story` at the passage's end.
 */
export function readPassage(story: Story, chapter: InkChapter, save: InkSave): InkPassage {
  story.state.LoadJson(save.ink);
  // Top-level content has a numeric path: it is named after the chapter (or "start").
  const top = story.state.currentPathString?.split('.')[0];
  const knot = top !== undefined && !/^\d+$/.test(top) ? top : (ownKnot(chapter) ?? 'start');
  const digest = createHash('sha256').update(save.ink).digest('hex').slice(0, 10);
  const id = `${knot}~${digest}`;
  const own = ownKnot(chapter);
  const others = chapter.chapterKnots.filter((k) => k !== own);
  const stage = { ...save.stage };
  const allowed = chapter.assets === undefined ? null : new Set(chapter.assets);
  const steps: PlayableStep[] = [];
  let lines = 0;
  while (story.canContinue) {
    if (lines >= MAX_LINES_PER_PASSAGE) return { id, steps, stage, choices: [], status: 'playing', next: { ink: stateAfter(story, save, lines), stage }, exit: null };
    const visits = others.map((k) => visitCount(story, k));
    const text = story.Continue() ?? '';
    const reached = others.find((k, i) => visitCount(story, k) > visits[i]!);
    if (reached !== undefined) return { id, steps, stage, choices: [], status: 'ended', next: null, exit: { knot: reached, ink: stateAfter(story, save, lines), stage } };
    steps.push(...lineSteps(text, story.currentTags ?? [], stage, allowed));
    lines += 1;
  }
  const choices = story.currentChoices.map((choice) => ({ id: `c${choice.index}-${digest.slice(0, 6)}`, index: choice.index, text: choice.text.trim(), cost: choiceCost(choice.tags) }));
  if (choices.length > 0) return { id, steps, stage, choices, status: 'choice', next: null, exit: null };
  return { id, steps, stage, choices, status: 'ended', next: null, exit: { knot: null, ink: story.state.ToJson(), stage } };
}

/**
 * Ink's state after the passage's first `lines` lines. Replayed rather than saved before every
 * line: writing the state is the expensive part, and it is only needed where a passage stops early.
 */
function stateAfter(story: Story, save: InkSave, lines: number): string {
  story.state.LoadJson(save.ink);
  for (let i = 0; i < lines; i++) story.Continue();
  return story.state.ToJson();
}

function visitCount(story: Story, knot: string): number {
  return story.state.VisitCountAtPathString(knot) ?? 0;
}

/** The story's global variables: names from the compiled JSON's `global decl`. */
export function globalVariableNames(ink: unknown): string[] {
  const root = (ink as { root?: unknown[] }).root;
  const last = Array.isArray(root) ? root[root.length - 1] : undefined;
  const decl = (last as Record<string, unknown> | null | undefined)?.['global decl'];
  if (!Array.isArray(decl)) return [];
  return decl.flatMap((entry) => (entry !== null && typeof entry === 'object' && typeof (entry as Record<string, unknown>)['VAR='] === 'string' ? [(entry as Record<string, string>)['VAR=']!] : []));
}
