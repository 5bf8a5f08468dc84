import type { PlayableChapter } from './playable-chapter';
import { statusOf } from './scene-view';
import { carriedLook, type StoryProgress } from './story-progress';

/** Progress at the first scene of a chapter; what the player earned so far (flags, bonds) carries over. */
export function startChapter(chapter: PlayableChapter, earlier: StoryProgress | null): StoryProgress {
  const start = chapter.scenes[chapter.startSceneId];
  // The linter refuses such a chapter; this is its runtime counterpart.
  if (!start) throw new Error(`chapter ${chapter.id} has no start scene ${chapter.startSceneId}`);
  return {
    storyId: chapter.storyId,
    chapterId: chapter.id,
    sceneId: chapter.startSceneId,
    status: statusOf(start),
    step: earlier?.step ?? 0,
    flags: { ...earlier?.flags },
    relationships: { ...earlier?.relationships },
    history: [...(earlier?.history ?? [])],
    completedChapterIds: [...(earlier?.completedChapterIds ?? [])],
    ...carriedLook(earlier),
  };
}

/**
 * Where a saved player resumes in this chapter: the saved scene — or, if the chapter was
 * republished without that scene, its start, keeping everything earned.
 */
export function resumeChapter(chapter: PlayableChapter, saved: StoryProgress): StoryProgress {
  if (saved.chapterId !== chapter.id) return startChapter(chapter, saved);
  const scene = chapter.scenes[saved.sceneId];
  if (!scene) return startChapter(chapter, saved);
  return { ...saved, status: statusOf(scene) };
}
