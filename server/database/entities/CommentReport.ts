import { EntitySchema } from '@mikro-orm/core';

/** A reader's report of a comment: the moderation queue (the comment stays until a moderator acts). */
export class CommentReport {
  id!: string;
  commentId!: string;
  reporterId!: string;
  reason!: string;
  createdAt: Date = new Date();
}

export const CommentReportSchema = new EntitySchema<CommentReport>({
  class: CommentReport,
  tableName: 'comment_reports',
  properties: {
    id: { type: 'uuid', primary: true },
    commentId: { type: 'uuid' },
    reporterId: { type: 'uuid' },
    reason: { type: 'string', length: 500 },
    createdAt: { type: 'datetime' },
  },
  uniques: [{ properties: ['commentId', 'reporterId'] }],
  indexes: [{ properties: ['createdAt'] }],
});
