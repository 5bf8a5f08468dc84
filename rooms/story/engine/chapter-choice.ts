import type { Refusal } from '../../shared/room-error';
import { rulesFor, type AnyChapter } from './chapter-rules';
import type { StoryProgress } from './story-progress';

/**
 * Which chapter to open: the one asked for, else where the player is, else the first — refused
 * when the chapter does not exist (CHAPTER_NOT_FOUND) or the one before it is unfinished (CHAPTER_LOCKED).
 */
export function chooseChapter(chapterIds: readonly string[], saved: StoryProgress | null, requested?: string): { ok: true; index: number } | { ok: false; refusal: Refusal } {
  const wanted = requested ?? saved?.chapterId;
  const index = wanted === undefined ? 0 : chapterIds.indexOf(wanted);
  if (index < 0) {
    if (requested !== undefined) return { ok: false, refusal: { code: 'CHAPTER_NOT_FOUND', message: `The story has no chapter ${requested}`, details: { chapterId: requested } } };
    return { ok: true, index: 0 }; // the saved chapter was withdrawn: start over at the first
  }
  const previous = chapterIds[index - 1];
  const reached = saved?.chapterId === chapterIds[index] || (previous !== undefined && saved?.completedChapterIds.includes(previous));
  if (previous !== undefined && !reached) return { ok: false, refusal: { code: 'CHAPTER_LOCKED', message: 'Finish the chapter before this one first', details: { chapterId: chapterIds[index]!, requires: previous } } };
  return { ok: true, index };
}

/** Resume where the player stands; asking again for a chapter already finished replays it from the start. */
export function placeInChapter(chapter: AnyChapter, saved: StoryProgress | null, explicitlyRequested: boolean): StoryProgress {
  const rules = rulesFor(chapter);
  if (!saved) return rules.start(null);
  if (saved.chapterId === chapter.id && !(explicitlyRequested && saved.status === 'ended')) return rules.resume(saved);
  return rules.start(saved);
}
