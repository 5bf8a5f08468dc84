import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { CommentPage, ReadingComment as CommentView } from '../../api/reading';
import { Chapter, CommentReport, ReadingComment, User } from '../database/entities';
import type { ReadingFanout } from '../../rooms/reading/reading-room-deps';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { DomainError } from '../shared/domain-error';
import { decodeCommentCursor, encodeCommentCursor } from './comment-cursor';

export interface ReadingCommentsDeps {
  em: EntityManager;
  clock: Clock;
  /** Tells the chapter's open reading rooms that a comment was deleted. */
  fanout: Pick<ReadingFanout, 'publish'>;
  logger: Logger;
}

/** Comment history, deletion by its author, and reports for moderation (the REST side of reading rooms). */
export class ReadingComments {
  constructor(private readonly deps: ReadingCommentsDeps) {}

  /** Threads newest first, each with its replies oldest first; deleted comments are left out. */
  async list(chapterId: string, query: { paragraphId?: string; cursor?: string; limit: number }): Promise<CommentPage> {
    const em = this.deps.em.fork();
    if ((await em.count(Chapter, { id: chapterId })) === 0) throw new DomainError('CHAPTER_NOT_FOUND', `There is no chapter ${chapterId}`, { chapterId });
    const where: FilterQuery<ReadingComment> = { chapterId, replyTo: null, deletedAt: null, ...(query.paragraphId === undefined ? {} : { paragraphId: query.paragraphId }) };
    if (query.cursor !== undefined) {
      const after = decodeCommentCursor(query.cursor);
      Object.assign(where, { $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }] });
    }
    const threads = await em.find(ReadingComment, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    const page = threads.slice(0, query.limit);
    const replies = page.length === 0 ? [] : await em.find(ReadingComment, { replyTo: { $in: page.map((t) => t.id) }, deletedAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const names = await this.displayNames(em, [...page, ...replies].map((c) => c.authorId));
    const view = (c: ReadingComment): CommentView => ({ id: c.id, paragraphId: c.paragraphId, author: { id: c.authorId, displayName: names.get(c.authorId) ?? '' }, text: c.text, replyTo: c.replyTo, at: c.createdAt.toISOString() });
    const last = page[page.length - 1];
    return {
      items: page.map((thread) => ({ ...view(thread), replies: replies.filter((r) => r.replyTo === thread.id).map(view) })),
      nextCursor: threads.length > query.limit && last ? encodeCommentCursor(last) : null,
    };
  }

  /** The author only (NOT_YOUR_COMMENT otherwise); the row stays, marked deleted, so its replies and reports keep their place. */
  async delete(userId: string, commentId: string): Promise<void> {
    const em = this.deps.em.fork();
    const comment = await em.findOne(ReadingComment, { id: commentId, deletedAt: null });
    if (!comment) throw notFound(commentId);
    if (comment.authorId !== userId) throw new DomainError('NOT_YOUR_COMMENT', 'Only its author can delete a comment', { commentId });
    // Conditional: of two deletions racing, one wins and the other finds nothing left to delete.
    const changed = await em.nativeUpdate(ReadingComment, { id: commentId, deletedAt: null }, { deletedAt: this.deps.clock.now() });
    if (changed === 0) throw notFound(commentId);
    // Deleted is already durable; a reader who misses the news sees it gone on the next history load.
    await this.deps.fanout
      .publish(comment.chapterId, { type: 'commentDeleted', id: commentId, paragraphId: comment.paragraphId })
      .catch((error: unknown) => this.deps.logger.warn({ err: error, commentId }, 'reading: could not announce a deleted comment'));
  }

  /** Queues a report (once per reader and comment: a second one is the same report); the comment stays. */
  async report(userId: string, commentId: string, reason: string): Promise<void> {
    const em = this.deps.em.fork();
    if ((await em.count(ReadingComment, { id: commentId, deletedAt: null })) === 0) throw notFound(commentId);
    try {
      await em.insert(CommentReport, { id: randomUUID(), commentId, reporterId: userId, reason, createdAt: this.deps.clock.now() });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
  }

  private async displayNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await em.find(User, { id: { $in: unique } }, { fields: ['id', 'displayName'] });
    return new Map(users.map((user) => [user.id, user.displayName]));
  }
}

const notFound = (commentId: string) => new DomainError('COMMENT_NOT_FOUND', 'There is no such comment', { commentId });
