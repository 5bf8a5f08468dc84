import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/** How one reader read one chapter in reading rooms: time spent, how far, whether to the end. */
export class ChapterRead {
  [PrimaryKeyProp]?: ['userId', 'chapterId'];
  userId!: string;
  chapterId!: string;
  storyId!: string;
  seconds = 0;
  /** Paragraph id of the furthest line reached (in bundle order), and its place in that order. */
  furthestParagraph: string | null = null;
  furthestIndex = -1;
  completed = false;
  updatedAt: Date = new Date();
}

export const ChapterReadSchema = new EntitySchema<ChapterRead>({
  class: ChapterRead,
  tableName: 'chapter_read',
  properties: {
    userId: { type: 'uuid', primary: true },
    chapterId: { type: 'string', length: 128, primary: true },
    storyId: { type: 'string', length: 64 },
    seconds: { type: 'integer' },
    furthestParagraph: { type: 'string', length: 128, nullable: true },
    furthestIndex: { type: 'integer' },
    completed: { type: 'boolean' },
    updatedAt: { type: 'datetime' },
  },
  indexes: [{ properties: ['storyId'] }],
});
