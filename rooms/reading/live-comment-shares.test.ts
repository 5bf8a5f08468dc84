import { describe, expect, it } from 'vitest';
import { LiveCommentShares } from './live-comment-shares';
import type { ReadingCommentMessage } from './protocol';
import { liveCommentRate } from './rules/live-comments';

const comment = (id: string, authorId: string, replyTo: string | null = null): ReadingCommentMessage => ({
  id,
  paragraphId: 'p1',
  author: { id: authorId, displayName: authorId },
  text: 'text',
  replyTo,
  at: '2026-12-06T00:00:00.000Z',
});

/** A room whose readers have no allowance left: only what is theirs still goes live. */
function spentRoom() {
  const shares = new LiveCommentShares(liveCommentRate(1));
  const join = (userId: string) => {
    const reader = shares.joined(userId, 0);
    reader.allowance.tokens = 0;
    return reader;
  };
  return { shares, join };
}

describe('a reading room’s live comment shares', () => {
  it('sends a reader the replies to what they wrote in the room, however busy the chapter', () => {
    const { shares, join } = spentRoom();
    const me = join('me');
    const tags = [shares.tag(comment('mine', 'me')), shares.tag(comment('reply', 'you', 'mine')), shares.tag(comment('other', 'you'))];
    expect(shares.share(me, tags, 0).indices).toEqual([0, 1]);
  });

  it('gives every session of the same reader their replies (two tabs), and keeps them while one session stays', () => {
    const { shares, join } = spentRoom();
    const tab1 = join('me');
    const tab2 = join('me');
    shares.tag(comment('mine', 'me'));
    const flush = [shares.tag(comment('other', 'you')), shares.tag(comment('reply', 'you', 'mine'))];
    expect(shares.share(tab1, flush, 0).indices).toEqual([1]);
    expect(shares.share(tab2, flush, 0).indices).toEqual([1]);
    shares.left(tab1);
    expect(shares.share(tab2, [shares.tag(comment('again', 'you', 'mine')), shares.tag(comment('other 2', 'you'))], 0).indices).toEqual([0]);
  });

  it('forgets a reader’s comments when their last session leaves: one who comes back starts afresh', () => {
    const { shares, join } = spentRoom();
    const before = join('me');
    shares.tag(comment('mine', 'me'));
    shares.left(before);
    // Tagged while nobody of theirs is here: not kept for anyone.
    shares.tag(comment('while away', 'me'));
    const after = join('me');
    const tags = [shares.tag(comment('reply', 'you', 'mine')), shares.tag(comment('reply 2', 'you', 'while away'))];
    expect(shares.share(after, tags, 0).indices).toEqual([]);
  });

  it('keeps a reader’s newest 50 comments: a reply to an older one is like any other comment', () => {
    const { shares, join } = spentRoom();
    const me = join('me');
    for (let i = 0; i < 51; i++) shares.tag(comment(`c${i}`, 'me'));
    const tags = [shares.tag(comment('to the oldest', 'you', 'c0')), shares.tag(comment('to the second', 'you', 'c1'))];
    expect(shares.share(me, tags, 0).indices).toEqual([1]);
  });
});
