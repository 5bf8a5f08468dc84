import type { AssetReference } from '../asset-references';
import { checkAssetPath } from '../asset-path';
import { makeProblem, type ContentProblem } from '../content-problem';

// Existence is asked through a predicate so the linter stays free of I/O (and testable
// without a disk); it is only ever asked about paths that passed the safety check.
export function checkAssets(refs: readonly AssetReference[], assetExists: (relPath: string) => boolean, folder: 'story' | 'world' = 'story'): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const ref of refs) {
    const verdict = checkAssetPath(ref.path);
    if (!verdict.ok) {
      problems.push(makeProblem({ code: 'BAD_ASSET_PATH', file: ref.file, sceneId: ref.sceneId, reason: `${ref.field} path "${ref.path}" ${verdict.reason}` }));
    } else if (!assetExists(verdict.path)) {
      problems.push(makeProblem({ code: 'MISSING_ASSET', file: ref.file, sceneId: ref.sceneId, reason: `${ref.field} points to "${ref.path}", which does not exist in the ${folder} folder` }));
    }
  }
  return problems;
}
