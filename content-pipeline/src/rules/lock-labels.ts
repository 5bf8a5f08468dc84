import type { ChapterSource, StoryManifest } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';
import { listOptions } from '../located-options';
import { collectStateWrites } from '../state-writes';

// The words players read for locks and changes. A `lockedText` on an option with no `requires`
// is never shown; a `flags` label for a flag no option sets is never shown either — both are
// most likely a typo of the id they meant, so the writer hears about it.

export function checkLockedTexts({ file, source }: { file: string; source: ChapterSource }): ContentProblem[] {
  return listOptions(source)
    .filter(({ option }) => option.lockedText !== undefined && (option.requires?.length ?? 0) === 0)
    .map(({ sceneId, option }) =>
      makeProblem({ severity: 'warning', code: 'LOCKED_TEXT_UNUSED', file, sceneId, reason: `option "${option.id}" has "lockedText" but no "requires", so it is never locked and the text is never shown` }),
    );
}

export function checkFlagLabels(manifestFile: string, manifest: StoryManifest, chapters: readonly { source: ChapterSource }[]): ContentProblem[] {
  const set = collectStateWrites(chapters.flatMap(({ source }) => listOptions(source))).flagsSetTrue;
  return Object.keys(manifest.flags ?? {})
    .filter((flag) => !set.has(flag))
    .map((flag) => makeProblem({ severity: 'warning', code: 'UNKNOWN_FLAG_LABEL', file: manifestFile, reason: `"flags" labels "${flag}", but no option of the story sets that flag` }));
}
