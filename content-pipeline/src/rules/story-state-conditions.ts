import type { ChapterSource } from '../bundle-schema';
import { isFlagCondition } from '../condition-schema';
import { makeProblem, type ContentProblem } from '../content-problem';
import { listOptions } from '../located-options';
import { collectStateWrites } from '../state-writes';

// Conditions that no option anywhere in the story can make hold (or make fail). Usually a
// misspelt flag or character, or a setter that was never written. They are warnings: the
// story still plays, and the missing setter may belong to a chapter not written yet.
//
// - FLAG_NEVER_SET: `{flag}` on a flag no option sets to true (the option stays locked), or
//   `{flag, set: false}` on a flag no option sets at all (the gate never closes).
// - RELATIONSHIP_OUT_OF_REACH: a relationship starts at 0, so `min > 0` needs some option to
//   raise it and `max < 0` needs some option to lower it.
export function checkStoryStateConditions(chapters: readonly { file: string; source: ChapterSource }[]): ContentProblem[] {
  const writes = collectStateWrites(chapters.flatMap(({ source }) => listOptions(source)));
  const problems: ContentProblem[] = [];

  for (const { file, source } of chapters) {
    for (const { sceneId, option } of listOptions(source)) {
      const warn = (code: string, reason: string): void => {
        problems.push(makeProblem({ severity: 'warning', code, file, sceneId, reason: `option "${option.id}" ${reason}` }));
      };
      for (const condition of option.requires ?? []) {
        if (isFlagCondition(condition)) {
          if (condition.set !== false && !writes.flagsSetTrue.has(condition.flag)) {
            warn('FLAG_NEVER_SET', `requires flag "${condition.flag}", which no option in the story ever sets to true, so the option can never be chosen`);
          } else if (condition.set === false && !writes.flagsWritten.has(condition.flag)) {
            warn('FLAG_NEVER_SET', `requires flag "${condition.flag}" to be unset, but no option in the story ever sets it, so the condition always holds`);
          }
          continue;
        }
        const { relationship: name, min, max } = condition;
        if (min !== undefined && max !== undefined && min > max) continue; // IMPOSSIBLE_CONDITION already says so
        if (min !== undefined && min > 0 && !writes.relationshipsRaised.has(name)) {
          warn('RELATIONSHIP_OUT_OF_REACH', `requires the relationship with "${name}" to be at least ${min}, but no option in the story raises it (it starts at 0)`);
        } else if (max !== undefined && max < 0 && !writes.relationshipsLowered.has(name)) {
          warn('RELATIONSHIP_OUT_OF_REACH', `requires the relationship with "${name}" to be at most ${max}, but no option in the story lowers it (it starts at 0)`);
        }
      }
    }
  }
  return problems;
}
