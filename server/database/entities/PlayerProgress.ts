import { EntitySchema } from '@mikro-orm/core';
import { Story } from './Story';
import { User } from './User';

export interface ChoiceRecord {
  chapterId: string;
  sceneId: string;
  choiceId: string;
  at: string;
}

/**
 * Where a player stands in one story. Saved on every choice in the same transaction as any
 * charge; `step` counts saved actions and keys idempotency of premium choices.
 */
export class PlayerProgress {
  id!: string;
  user!: User;
  story!: Story;
  chapterId!: string;
  sceneId!: string;
  status!: string;
  step = 0;
  flags: Record<string, boolean> = {};
  relationships: Record<string, number> = {};
  history: ChoiceRecord[] = [];
  /** Chapters whose ending the player reached: each opens the chapter after it. */
  completedChapters: string[] = [];
  /** Ink stories only: ink's saved state (rooms/story/engine/ink). Never sent over REST: it holds the story ahead. */
  inkState: string | null = null;
  /** The name the player gave their character (a `nameEntry` scene). */
  playerName: string | null = null;
  /** The outfit worn (an id of the story's `outfits`). */
  outfit: string | null = null;
  /** Premium outfits bought in this story: never charged again. */
  ownedOutfits: string[] = [];
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const PlayerProgressSchema = new EntitySchema<PlayerProgress>({
  class: PlayerProgress,
  tableName: 'player_progress',
  uniques: [{ name: 'player_progress_user_story_unique', properties: ['user', 'story'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    user: { kind: 'm:1', entity: () => User, deleteRule: 'cascade' },
    story: { kind: 'm:1', entity: () => Story },
    chapterId: { type: 'string', length: 128 },
    sceneId: { type: 'string', length: 128 },
    status: { type: 'string', length: 16 },
    step: { type: 'integer', default: 0 },
    flags: { type: 'json' },
    relationships: { type: 'json' },
    history: { type: 'json' },
    completedChapters: { type: 'json', default: '[]' },
    inkState: { type: 'text', nullable: true },
    playerName: { type: 'text', nullable: true },
    outfit: { type: 'text', nullable: true },
    ownedOutfits: { type: 'json', default: '[]' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime', onUpdate: () => new Date() },
  },
});
