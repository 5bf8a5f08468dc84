import type { Condition, PlayableOption } from './playable-chapter';
import type { StoryProgress } from './story-progress';

type Standing = Pick<StoryProgress, 'flags' | 'relationships'>;

export function conditionHolds(condition: Condition, standing: Standing): boolean {
  if ('flag' in condition) return (standing.flags[condition.flag] === true) === (condition.set ?? true);
  const value = standing.relationships[condition.relationship] ?? 0;
  return (condition.min === undefined || value >= condition.min) && (condition.max === undefined || value <= condition.max);
}

/** Why an option is locked, in words a player can read — or null when it can be chosen. */
export function lockReason(option: PlayableOption, standing: Standing): string | null {
  const unmet = (option.requires ?? []).filter((condition) => !conditionHolds(condition, standing));
  if (unmet.length === 0) return null;
  return unmet.map(describe).join('; ');
}

function describe(condition: Condition): string {
  if ('flag' in condition) return condition.set === false ? `only if "${condition.flag}" has not happened` : `needs "${condition.flag}"`;
  const { relationship, min, max } = condition;
  if (min !== undefined && max !== undefined) return `${relationship} between ${min} and ${max}`;
  return min !== undefined ? `${relationship} at least ${min}` : `${relationship} at most ${max}`;
}
