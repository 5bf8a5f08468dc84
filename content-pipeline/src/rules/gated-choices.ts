import type { ChapterSource } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';

// Locked options are shown but cannot be chosen. When every option of a choice is gated, a
// player for whom no condition holds has nothing to press and is stuck in the scene. It is a
// warning, not an error: the writer may know that one of the gates always holds on every path.
export function checkGatedChoices({ file, source }: { file: string; source: ChapterSource }): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [sceneId, scene] of Object.entries(source.scenes)) {
    const options = scene.choice?.options ?? [];
    if (options.length === 0 || !options.every((o) => (o.requires?.length ?? 0) > 0)) continue;
    const reason = 'every option of the choice has "requires"; a player for whom none holds would be stuck here, so leave at least one option ungated';
    problems.push(makeProblem({ severity: 'warning', code: 'ALL_OPTIONS_GATED', file, sceneId, reason }));
  }
  return problems;
}
