import type { PlayerProgress } from '../database/entities';
import type { SceneStatus, StoryProgress } from '../../rooms/story/engine';

/** The stored row as the engine's progress record. */
export function toStoryProgress(row: PlayerProgress, storyId: string): StoryProgress {
  return {
    storyId,
    chapterId: row.chapterId,
    sceneId: row.sceneId,
    status: row.status as SceneStatus,
    step: row.step,
    flags: row.flags,
    relationships: row.relationships,
    history: row.history,
    completedChapterIds: row.completedChapters,
  };
}
