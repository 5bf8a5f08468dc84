import { EntitySchema } from '@mikro-orm/core';
import { User } from './User';

/** Where a story comes from: CONTENT_DIR (synced at start) or the studio (a writer publishes it). */
export type StoryOrigin = 'content' | 'studio';

/**
 * A story as the catalog lists it: synced from CONTENT_DIR or written in the studio. Rows are never
 * deleted (progress points at them); a content story that vanishes from the content or stops
 * validating is unlisted, a studio story is listed from its first released chapter on.
 */
export class Story {
  id!: string;
  title!: string;
  description!: string;
  genre!: string;
  coverPath: string | null = null;
  origin: StoryOrigin = 'content';
  /** The writer (content stories: the system account "StoryVerse Originals"); earns the share of premium choices. */
  owner: User | null = null;
  /** Players who opened it: the "popular" sort. */
  plays = 0;
  publishedAt!: Date;
  /** When a writer created it in the studio (null for content stories); `publishedAt` moves to its first release. */
  createdAt: Date | null = null;
  listed = true;
  updatedAt: Date = new Date();
}

export const StorySchema = new EntitySchema<Story>({
  class: Story,
  tableName: 'stories',
  indexes: [{ properties: ['genre'] }],
  properties: {
    id: { type: 'string', length: 64, primary: true },
    title: { type: 'string', length: 200 },
    description: { type: 'text' },
    genre: { type: 'string', length: 32 },
    coverPath: { type: 'string', length: 255, nullable: true },
    origin: { type: 'string', length: 16, default: 'content' },
    owner: { kind: 'm:1', entity: () => User, nullable: true, index: true },
    plays: { type: 'integer', default: 0 },
    publishedAt: { type: 'datetime' },
    createdAt: { type: 'datetime', nullable: true },
    listed: { type: 'boolean', default: true },
    updatedAt: { type: 'datetime' },
  },
});
