import { EntitySchema } from '@mikro-orm/core';

/**
 * A story as the catalog lists it, synced from CONTENT_DIR. Rows are never deleted (progress
 * points at them); a story that vanishes from the content or stops validating is unlisted.
 */
export class Story {
  id!: string;
  title!: string;
  description!: string;
  genre!: string;
  coverPath: string | null = null;
  /** Players who opened it: the "popular" sort. */
  plays = 0;
  publishedAt!: Date;
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
    plays: { type: 'integer', default: 0 },
    publishedAt: { type: 'datetime' },
    listed: { type: 'boolean', default: true },
    updatedAt: { type: 'datetime' },
  },
});
