import type { ChapterSource } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';
import { listOptions } from '../located-options';

// A relationship range with min above max holds for no value at all: the option could never
// be chosen. That is certain from the condition alone, hence an error.
export function checkImpossibleConditions({ file, source }: { file: string; source: ChapterSource }): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const { sceneId, option } of listOptions(source)) {
    for (const condition of option.requires ?? []) {
      if (!('relationship' in condition) || condition.min === undefined || condition.max === undefined || condition.min <= condition.max) continue;
      const reason = `option "${option.id}" requires the relationship with "${condition.relationship}" to be at least ${condition.min} and at most ${condition.max}, which no value can be`;
      problems.push(makeProblem({ code: 'IMPOSSIBLE_CONDITION', file, sceneId, reason }));
    }
  }
  return problems;
}
