/** Where a player stands in one story; flags and relationships carry over from chapter to chapter. */
export type SceneStatus = 'playing' | 'choice' | 'ended';

export interface ChoiceRecord {
  chapterId: string;
  sceneId: string;
  choiceId: string;
  at: string;
}

export interface StoryProgress {
  storyId: string;
  chapterId: string;
  sceneId: string;
  status: SceneStatus;
  /** Actions saved so far; a save only succeeds on top of the step it started from. */
  step: number;
  flags: Record<string, boolean>;
  relationships: Record<string, number>;
  history: ChoiceRecord[];
  completedChapterIds: string[];
  /**
   * Ink chapters only: ink's state at the start of the current passage (with its random seed) and
   * the stage, as JSON (engine/ink/ink-passage.ts InkSave). Saved with the step; never sent to clients.
   */
  inkState?: string;
  /** The name the player gave their character in a `nameEntry` scene; absent until they do. */
  playerName?: string;
  /** The outfit the character wears (an id of the story's `outfits`); absent: the default look. */
  outfit?: string;
  /** Premium outfits bought in this story: wearing them again is free. */
  ownedOutfits?: string[];
}

/** Who the player is in the story (name, outfit, what they own): it carries over from chapter to chapter. */
export function carriedLook(earlier: StoryProgress | null): Pick<StoryProgress, 'playerName' | 'outfit' | 'ownedOutfits'> {
  if (!earlier) return {};
  return {
    ...(earlier.playerName === undefined ? {} : { playerName: earlier.playerName }),
    ...(earlier.outfit === undefined ? {} : { outfit: earlier.outfit }),
    ...(earlier.ownedOutfits === undefined ? {} : { ownedOutfits: [...earlier.ownedOutfits] }),
  };
}

/** A rule said no: the player's action is refused and nothing changes. */
export type { Refusal } from '../../shared/room-error';
