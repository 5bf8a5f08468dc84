import type { StoryProgress as EngineProgress } from '../rooms/story/engine';

export type { ChoiceRecord } from '../rooms/story/engine';

/**
 * `GET /v1/progress/:storyId` (Bearer): the story engine's progress record (chapter, scene, flags,
 * relationships, history — the room's own type; never ink's saved state), who the player is in the
 * story (the name they gave their character, the outfit worn, premium outfits owned) and when it
 * was saved (ISO 8601).
 */
export type StoryProgress = Omit<EngineProgress, 'inkState' | 'playerName' | 'outfit' | 'ownedOutfits'> & {
  /** Null until the player names their character. */
  playerName: string | null;
  /** Null: the default look. */
  outfit: string | null;
  ownedOutfits: string[];
  updatedAt: string;
};

/** `GET /v1/progress` (Bearer): every story the player has started, most recently played first. */
export interface ProgressList {
  items: StoryProgress[];
}
