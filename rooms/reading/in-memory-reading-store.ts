import { randomUUID } from 'node:crypto';
import type { ReadingCommentMessage, ReactionEmoji } from './protocol';
import type { ReadProgress, ReadingStore } from './reading-room-deps';
import type { Outcome } from './rules/outcome';
import { aggregateReactions, toggleReaction, type ReactionCounts } from './rules/reaction-counts';

/** ReadingStore in memory, for room tests without a database (the server's is DatabaseReadingStore). */
export class InMemoryReadingStore implements ReadingStore {
  readonly reactions = new Set<string>();
  readonly comments: (ReadingCommentMessage & { chapterId: string })[] = [];
  readonly reads = new Map<string, ReadProgress>();

  async reactionCounts(chapterId: string): Promise<ReactionCounts> {
    const rows = [...this.reactions].map((key) => key.split('\u0000')).filter(([, chapter]) => chapter === chapterId).map(([, , paragraphId, emoji]) => ({ paragraphId: paragraphId!, emoji: emoji! }));
    return aggregateReactions(rows);
  }

  async reactionsOf(userId: string, chapterId: string): Promise<{ paragraphId: string; emoji: string }[]> {
    return [...this.reactions].map((key) => key.split('\u0000')).filter(([user, chapter]) => user === userId && chapter === chapterId).map(([, , paragraphId, emoji]) => ({ paragraphId: paragraphId!, emoji: emoji! }));
  }

  async toggleReaction(userId: string, chapterId: string, paragraphId: string, emoji: ReactionEmoji): Promise<number> {
    const key = [userId, chapterId, paragraphId, emoji].join('\u0000');
    if (toggleReaction(this.reactions.has(key)).action === 'add') this.reactions.add(key);
    else this.reactions.delete(key);
    return (await this.reactionCounts(chapterId))[paragraphId]?.[emoji] ?? 0;
  }

  async addComment(input: { author: { id: string; displayName: string }; chapterId: string; paragraphId: string; text: string; replyTo: string | null }): Promise<Outcome<ReadingCommentMessage>> {
    const parent = input.replyTo === null ? null : this.comments.find((c) => c.id === input.replyTo && c.chapterId === input.chapterId);
    if (input.replyTo !== null && !parent) return { ok: false, refusal: { code: 'REPLY_NOT_FOUND', message: 'The comment you reply to is not there any more' } };
    const comment = { id: randomUUID(), chapterId: input.chapterId, paragraphId: input.paragraphId, author: input.author, text: input.text, replyTo: parent ? (parent.replyTo ?? parent.id) : null, at: new Date().toISOString() };
    this.comments.push(comment);
    const { chapterId: _chapterId, ...message } = comment;
    return { ok: true, value: message };
  }

  async recordRead(userId: string, _storyId: string, chapterId: string, progress: ReadProgress): Promise<void> {
    const key = `${userId}:${chapterId}`;
    const before = this.reads.get(key);
    this.reads.set(key, before
      ? { seconds: before.seconds + progress.seconds, furthestIndex: Math.max(before.furthestIndex, progress.furthestIndex), furthestParagraph: progress.furthestIndex > before.furthestIndex ? progress.furthestParagraph : before.furthestParagraph, completed: before.completed || progress.completed }
      : progress);
  }
}
