import type { StoryProgress as EngineProgress } from '../rooms/story/engine';

export type { ChoiceRecord } from '../rooms/story/engine';

/**
 * `GET /v1/progress/:storyId` (Bearer): the story engine's progress record (chapter, scene, flags,
 * relationships, history — the room's own type) plus when it was saved (ISO 8601).
 */
export type StoryProgress = EngineProgress & { updatedAt: string };

/** `GET /v1/progress` (Bearer): every story the player has started, most recently played first. */
export interface ProgressList {
  items: StoryProgress[];
}
