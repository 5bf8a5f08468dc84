import { EntitySchema } from '@mikro-orm/core';

/** A reader's comment on one paragraph of a chapter (a reply names its parent); deleted ones keep their row. */
export class ReadingComment {
  id!: string;
  chapterId!: string;
  paragraphId!: string;
  authorId!: string;
  text!: string;
  replyTo: string | null = null;
  createdAt: Date = new Date();
  deletedAt: Date | null = null;
}

export const ReadingCommentSchema = new EntitySchema<ReadingComment>({
  class: ReadingComment,
  tableName: 'reading_comments',
  properties: {
    id: { type: 'uuid', primary: true },
    chapterId: { type: 'string', length: 128 },
    paragraphId: { type: 'string', length: 128 },
    authorId: { type: 'uuid' },
    text: { type: 'text' },
    replyTo: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime' },
    deletedAt: { type: 'datetime', nullable: true },
  },
  indexes: [{ properties: ['chapterId', 'createdAt'] }, { properties: ['chapterId', 'paragraphId', 'createdAt'] }, { properties: ['replyTo'] }],
});
