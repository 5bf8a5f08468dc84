import type { ChapterSource, StoryManifest } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';

// Chapters are addressed by _id (the bundle URL) and ordered by number, so both must be
// unambiguous within the story. Uniqueness of _id across stories is checked by the loader,
// the only place that sees every story.
export function checkChapterIdentity(
  manifest: StoryManifest | undefined,
  chapters: readonly { file: string; source: ChapterSource }[],
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const idOwner = new Map<string, string>();
  const numberOwner = new Map<number, string>();

  for (const { file, source } of chapters) {
    if (manifest !== undefined && source.storyId !== manifest.id) {
      problems.push(makeProblem({ code: 'STORY_ID_MISMATCH', file, reason: `storyId "${source.storyId}" does not match the story's id "${manifest.id}"` }));
    }
    const idTakenBy = idOwner.get(source._id);
    if (idTakenBy !== undefined) problems.push(makeProblem({ code: 'DUPLICATE_CHAPTER_ID', file, reason: `_id "${source._id}" is already used by ${idTakenBy}` }));
    else idOwner.set(source._id, file);

    const numberTakenBy = numberOwner.get(source.chapterNumber);
    if (numberTakenBy !== undefined) problems.push(makeProblem({ code: 'DUPLICATE_CHAPTER_NUMBER', file, reason: `chapterNumber ${source.chapterNumber} is already used by ${numberTakenBy}` }));
    else numberOwner.set(source.chapterNumber, file);
  }
  return problems;
}
