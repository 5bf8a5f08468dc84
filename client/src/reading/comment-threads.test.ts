import { describe, expect, it } from 'vitest';
import type { ReadingComment } from '../../../api/reading';
import { CommentThreads, isDeletedThread } from './comment-threads';

const comment = (id: string, replyTo: string | null = null): ReadingComment => ({ id, paragraphId: 'p', author: { id: 'u', displayName: 'U' }, text: `text ${id}`, replyTo, at: '2026-12-04T00:00:00.000Z' });

describe('CommentThreads', () => {
  it('puts live threads on top, history pages below, and every comment once', () => {
    const threads = new CommentThreads();
    threads.add(comment('new'));
    threads.addPage([{ ...comment('new'), replies: [comment('r1', 'new')] }, { ...comment('old'), replies: [] }]);
    threads.add(comment('r1', 'new'));
    threads.add(comment('r2', 'new'));
    expect(threads.all.map((t) => [t.id, t.replies.map((r) => r.id)])).toEqual([['new', ['r1', 'r2']], ['old', []]]);
  });

  it('drops a deleted reply, and keeps the replies of a deleted thread under a marked opener', () => {
    const threads = new CommentThreads();
    threads.addPage([{ ...comment('a'), replies: [comment('a1', 'a')] }, { ...comment('b'), replies: [] }]);
    threads.remove('b');
    threads.remove('a');
    expect(threads.all).toHaveLength(1);
    expect(isDeletedThread(threads.all[0]!)).toBe(true);
    expect(threads.all[0]!.replies.map((r) => r.id)).toEqual(['a1']);
    threads.remove('a1');
    expect(threads.all[0]!.replies).toEqual([]);
  });

  it('leaves out a live reply to a thread it has not loaded (history will bring it)', () => {
    const threads = new CommentThreads();
    threads.add(comment('r', 'unknown'));
    expect(threads.all).toEqual([]);
  });
});
