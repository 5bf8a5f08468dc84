import type { PlayerProgress } from '../database/entities';
import type { StoryProgress as ProgressView } from '../../api/progress';
import type { SceneStatus } from '../../rooms/story/engine';

/** A progress row as GET /v1/progress answers it (never ink's saved state). */
export function toStoryProgress(row: PlayerProgress, storyId: string): ProgressView {
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
    playerName: row.playerName,
    outfit: row.outfit,
    ownedOutfits: row.ownedOutfits,
    updatedAt: row.updatedAt.toISOString(),
  };
}
