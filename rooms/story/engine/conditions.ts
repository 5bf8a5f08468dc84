import type { Condition, PlayableOption } from './playable-chapter';
import type { StoryProgress } from './story-progress';

type Standing = Pick<StoryProgress, 'flags' | 'relationships'>;

/** What a player reads for a flag gate the writer gave no `lockedText`: never the flag's id. */
export const DEFAULT_FLAG_LOCK = 'Something you have not found yet';
/** The same for a gate that closes once something has happened (`set: false`). */
export const DEFAULT_UNSET_FLAG_LOCK = 'Closed by something you did';

export function conditionHolds(condition: Condition, standing: Standing): boolean {
  if ('flag' in condition) return (standing.flags[condition.flag] === true) === (condition.set ?? true);
  const value = standing.relationships[condition.relationship] ?? 0;
  return (condition.min === undefined || value >= condition.min) && (condition.max === undefined || value <= condition.max);
}

/**
 * Why an option is locked, in words a player can read — or null when it can be chosen. The
 * writer's `lockedText` wins; otherwise relationship gates say where the player stands ("Needs
 * Jun 5 — you have 3") and flag gates a humane default, never the flag's id.
 */
export function lockReason(option: PlayableOption, standing: Standing): string | null {
  const unmet = (option.requires ?? []).filter((condition) => !conditionHolds(condition, standing));
  if (unmet.length === 0) return null;
  const authored = option.lockedText?.trim();
  if (authored) return authored;
  return [...new Set(unmet.map((condition) => describe(condition, standing)))].join('; ');
}

function describe(condition: Condition, standing: Standing): string {
  if ('flag' in condition) return condition.set === false ? DEFAULT_UNSET_FLAG_LOCK : DEFAULT_FLAG_LOCK;
  const { relationship, min, max } = condition;
  const have = `you have ${standing.relationships[relationship] ?? 0}`;
  if (min !== undefined && max !== undefined) return `Needs ${relationship} between ${min} and ${max} — ${have}`;
  return min !== undefined ? `Needs ${relationship} ${min} — ${have}` : `Needs ${relationship} at most ${max} — ${have}`;
}
