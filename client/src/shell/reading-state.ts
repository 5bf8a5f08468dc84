import type { ChapterSummary, StoryDetail, StoryProgress, StorySummary } from '../../../api/index';

/** Where the player stands in a story, as the library and the story page word it. */
export type ReadingState =
  | { kind: 'new'; first: ChapterSummary | undefined }
  /** In the middle of `chapter`. */
  | { kind: 'reading'; chapter: ChapterSummary }
  /** Finished the chapter they were in; `chapter` is the next one not finished yet. */
  | { kind: 'next'; chapter: ChapterSummary }
  | { kind: 'finished'; first: ChapterSummary | undefined };

export type ChapterState = 'finished' | 'reading' | 'open' | 'locked';

export function readingState(story: StoryDetail, progress: StoryProgress | null): ReadingState {
  const chapters = sortedChapters(story);
  if (!progress) return { kind: 'new', first: chapters[0] };
  const current = chapters.find((c) => c.id === progress.chapterId);
  if (current && progress.status !== 'ended') return { kind: 'reading', chapter: current };
  const next = chapters.find((c) => !progress.completedChapterIds.includes(c.id));
  return next ? { kind: 'next', chapter: next } : { kind: 'finished', first: chapters[0] };
}

/** Finished (in completedChapterIds), reading (the current one), open (may be started), or locked (the one before is not finished). */
export function chapterStates(story: StoryDetail, progress: StoryProgress | null): Map<string, ChapterState> {
  const states = new Map<string, ChapterState>();
  const completed = new Set(progress?.completedChapterIds ?? []);
  sortedChapters(story).forEach((chapter, index, chapters) => {
    const previous = chapters[index - 1];
    if (progress?.chapterId === chapter.id && progress.status !== 'ended') states.set(chapter.id, 'reading');
    else if (completed.has(chapter.id)) states.set(chapter.id, 'finished');
    else if (!previous || completed.has(previous.id) || progress?.chapterId === chapter.id) states.set(chapter.id, 'open');
    else states.set(chapter.id, 'locked');
  });
  return states;
}

export function sortedChapters(story: StoryDetail): ChapterSummary[] {
  return [...story.chapters].sort((a, b) => a.number - b.number);
}

/** "Chapter 2 · in progress", "Chapter 3 · up next", "Finished", for the continue row. */
export function readingLabel(state: ReadingState): string {
  switch (state.kind) {
    case 'new':
      return 'Not started';
    case 'reading':
      return `Chapter ${state.chapter.number} · in progress`;
    case 'next':
      return `Chapter ${state.chapter.number} · up next`;
    case 'finished':
      return 'Finished';
  }
}

/** Read to the end of its last chapter (from the catalog's summary: no chapter list needed). */
export function hasFinished(story: Pick<StorySummary, 'id' | 'chapterCount'>, progress: readonly StoryProgress[]): boolean {
  const mine = progress.find((p) => p.storyId === story.id);
  if (!mine || mine.status !== 'ended') return false;
  return new Set([...mine.completedChapterIds, mine.chapterId]).size >= story.chapterCount;
}

/** The library's banner: the most-read story this reader has not finished (none when they finished them all). */
export function featuredPick<S extends Pick<StorySummary, 'id' | 'chapterCount'>>(popular: readonly S[], progress: readonly StoryProgress[]): S | null {
  return popular.find((story) => !hasFinished(story, progress)) ?? null;
}
