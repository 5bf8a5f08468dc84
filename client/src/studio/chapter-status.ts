import type { StudioChapter } from '../../../api/index';
import { formatLocalTime } from './schedule-time';

/** A chapter's standing in one line, release times in the writer's own time zone. */
export function chapterStatus(chapter: StudioChapter, formatTime: (iso: string) => string = formatLocalTime): string {
  const changes = chapter.hasUnpublishedChanges && chapter.version > 0 ? ' · the draft has unpublished changes' : '';
  switch (chapter.state) {
    case 'draft':
      return 'Draft · not published yet';
    case 'scheduled':
      return `Scheduled · version ${chapter.version} releases ${chapter.releaseAt ? formatTime(chapter.releaseAt) : 'soon'}${changes}`;
    case 'published':
      return `Published · version ${chapter.version}${chapter.releaseAt ? ` · released ${formatTime(chapter.releaseAt)}` : ''}${changes}`;
  }
}

/** Chapters in reading order. */
export function byNumber<T extends { number: number }>(chapters: readonly T[]): T[] {
  return [...chapters].sort((a, b) => a.number - b.number);
}

/**
 * Milliseconds until the next scheduled chapter is released (null when none is waiting), so the
 * studio can read the story again when it goes out instead of showing "scheduled" forever.
 */
export function untilNextRelease(chapters: readonly StudioChapter[], now: Date): number | null {
  const waits = chapters
    .filter((chapter) => chapter.state === 'scheduled' && chapter.releaseAt !== null)
    .map((chapter) => Date.parse(chapter.releaseAt!) - now.getTime())
    .filter((wait) => Number.isFinite(wait));
  if (waits.length === 0) return null;
  return Math.max(0, Math.min(...waits));
}
