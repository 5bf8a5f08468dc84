import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { ReadingCommentMessage, ReactionEmoji } from '../../rooms/reading/protocol';
import type { ReadProgress, ReadingStore } from '../../rooms/reading/reading-room-deps';
import type { Outcome } from '../../rooms/reading/rules/outcome';
import { aggregateReactions, toggleReaction, type ReactionCounts } from '../../rooms/reading/rules/reaction-counts';
import { ChapterRead, ReadingComment, ReadingReaction, User } from '../database/entities';
import type { Clock } from '../shared/clock';

const COUNTS_SQL = 'select paragraph_id, emoji, count(*) as n from reading_reactions where chapter_id = ? group by paragraph_id, emoji';
const PAIR_COUNT_SQL = 'select count(*) as n from reading_reactions where chapter_id = ? and paragraph_id = ? and emoji = ?';

export interface DatabaseReadingStoreDeps {
  em: EntityManager;
  clock: Clock;
}

/** Reactions, comments and reads in the database (SQLite or PostgreSQL): written before any room announces them. */
export class DatabaseReadingStore implements ReadingStore {
  constructor(private readonly deps: DatabaseReadingStoreDeps) {}

  async reactionCounts(chapterId: string): Promise<ReactionCounts> {
    const rows = (await this.deps.em.getConnection().execute(COUNTS_SQL, [chapterId])) as { paragraph_id: string; emoji: string; n: number | string }[];
    return aggregateReactions(rows.map((row) => ({ paragraphId: row.paragraph_id, emoji: row.emoji, count: Number(row.n) })));
  }

  async reactionsOf(userId: string, chapterId: string): Promise<{ paragraphId: string; emoji: string }[]> {
    const rows = await this.deps.em.fork().find(ReadingReaction, { userId, chapterId }, { fields: ['paragraphId', 'emoji'], orderBy: { createdAt: 'asc' } });
    return rows.map((row) => ({ paragraphId: row.paragraphId, emoji: row.emoji }));
  }

  async toggleReaction(userId: string, chapterId: string, paragraphId: string, emoji: ReactionEmoji): Promise<number> {
    const em = this.deps.em.fork();
    const key = { userId, chapterId, paragraphId, emoji };
    const removed = await em.nativeDelete(ReadingReaction, key);
    if (toggleReaction(removed > 0).action === 'add') {
      try {
        await em.insert(ReadingReaction, { ...key, createdAt: this.deps.clock.now() });
      } catch (error) {
        // The same reader's other tab added it a moment ago: it stands, as they wanted.
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
      }
    }
    const [row] = (await em.getConnection().execute(PAIR_COUNT_SQL, [chapterId, paragraphId, emoji])) as { n: number | string }[];
    return Number(row?.n ?? 0);
  }

  async addComment(input: { authorId: string; chapterId: string; paragraphId: string; text: string; replyTo: string | null }): Promise<Outcome<ReadingCommentMessage>> {
    const em = this.deps.em.fork();
    let replyTo: string | null = null;
    if (input.replyTo !== null) {
      const parent = await em.findOne(ReadingComment, { id: input.replyTo, chapterId: input.chapterId, deletedAt: null });
      if (!parent) return { ok: false, refusal: { code: 'REPLY_NOT_FOUND', message: 'The comment you reply to is not there any more', details: { replyTo: input.replyTo } } };
      // Threads are one level deep: a reply to a reply joins its parent's thread.
      replyTo = parent.replyTo ?? parent.id;
    }
    const author = await em.findOne(User, { id: input.authorId }, { fields: ['displayName'] });
    const comment = em.create(ReadingComment, { id: randomUUID(), chapterId: input.chapterId, paragraphId: input.paragraphId, authorId: input.authorId, text: input.text, replyTo, createdAt: this.deps.clock.now(), deletedAt: null });
    await em.flush();
    return { ok: true, value: { id: comment.id, paragraphId: comment.paragraphId, author: { id: input.authorId, displayName: author?.displayName ?? '' }, text: comment.text, replyTo, at: comment.createdAt.toISOString() } };
  }

  async recordRead(userId: string, storyId: string, chapterId: string, progress: ReadProgress): Promise<void> {
    try {
      await this.writeRead(userId, storyId, chapterId, progress);
    } catch (error) {
      // Two rooms of the same reader wrote the first record at once: the row is there now.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      await this.writeRead(userId, storyId, chapterId, progress);
    }
  }

  private async writeRead(userId: string, storyId: string, chapterId: string, progress: ReadProgress): Promise<void> {
    await this.deps.em.fork().transactional(async (tx) => {
      const row = await tx.findOne(ChapterRead, { userId, chapterId });
      const now = this.deps.clock.now();
      if (!row) {
        tx.create(ChapterRead, { userId, chapterId, storyId, seconds: progress.seconds, furthestIndex: progress.furthestIndex, furthestParagraph: progress.furthestParagraph, completed: progress.completed, updatedAt: now });
        return;
      }
      row.seconds += progress.seconds;
      if (progress.furthestIndex > row.furthestIndex) {
        row.furthestIndex = progress.furthestIndex;
        row.furthestParagraph = progress.furthestParagraph;
      }
      row.completed ||= progress.completed;
      row.updatedAt = now;
    });
  }
}
