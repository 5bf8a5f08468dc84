import { describe, expect, it } from 'vitest';
import { chooseLiveComments, fullAllowance, liveCommentRate, TELL_HELD_BACK_EVERY_MS, type LiveAllowance, type LiveComment, type LiveReader } from './live-comments';

const RATE = { perSecond: 2, burst: 3 };
const comment = (id: string, authorId: string, paragraphId = 'p1', replyTo: string | null = null): LiveComment => ({ id, authorId, paragraphId, replyTo });
const spent = (at = 0): LiveAllowance => ({ tokens: 0, at, untold: 0, toldAt: -TELL_HELD_BACK_EVERY_MS });
const reader = (over: Partial<LiveReader> = {}): LiveReader => ({ userId: 'me', paragraphId: null, ownCommentIds: new Set(), allowance: fullAllowance(RATE, 0), ...over });
const four = [comment('a', 'x'), comment('b', 'x'), comment('c', 'x'), comment('d', 'x')];

describe('live comments: what a reader of a busy chapter is sent', () => {
  it('sends everything while the allowance lasts, and spends it', () => {
    const me = reader();
    expect(chooseLiveComments(me, [comment('a', 'x'), comment('b', 'y')], RATE, 0)).toEqual({ sent: null, heldBack: 0, tell: 0 });
    expect(me.allowance.tokens).toBe(1);
  });

  it('holds back what is over the allowance and tells the count; deletions (null) always go', () => {
    const me = reader();
    const flush = [comment('a', 'x'), null, comment('b', 'y'), comment('c', 'z'), comment('d', 'w'), comment('e', 'v')];
    expect(chooseLiveComments(me, flush, RATE, 0)).toEqual({ sent: [0, 1, 2, 3], heldBack: 2, tell: 2 });
    expect(me.allowance.tokens).toBe(0);
    // Nothing refilled at the same instant: only the deletion goes.
    expect(chooseLiveComments(me, [comment('f', 'x'), null], RATE, 0)).toEqual({ sent: [1], heldBack: 1, tell: 0 });
  });

  it('refills at the steady rate, up to the burst', () => {
    const me = reader({ allowance: spent() });
    // 1 s at 2 a second: two of four.
    expect(chooseLiveComments(me, four, RATE, 1000)).toMatchObject({ sent: [0, 1], heldBack: 2 });
    // A minute away fills the bucket to its burst (3), not to 120.
    expect(chooseLiveComments(me, four, RATE, 61_000)).toMatchObject({ sent: [0, 1, 2], heldBack: 1 });
    // Half a comment's worth carries over to the next flush.
    expect(chooseLiveComments(me, four, RATE, 61_250)).toMatchObject({ sent: [], heldBack: 4 });
    expect(chooseLiveComments(me, four, RATE, 61_500)).toMatchObject({ sent: [0], heldBack: 3 });
  });

  it('tells the count held back at once, then what gathered at most every 2 s, with the next flush that comes after', () => {
    const me = reader({ allowance: spent() });
    expect(chooseLiveComments(me, four, RATE, 0).tell).toBe(4);
    expect(chooseLiveComments(me, four, RATE, 250)).toMatchObject({ heldBack: 4, tell: 0 });
    expect(chooseLiveComments(me, four, RATE, 1000)).toMatchObject({ heldBack: 2, tell: 0 });
    // Due at 2 s: a patch alone (no messages) carries what gathered.
    expect(chooseLiveComments(me, [], RATE, TELL_HELD_BACK_EVERY_MS)).toEqual({ sent: null, heldBack: 0, tell: 4 + 2 });
    expect(chooseLiveComments(me, [], RATE, TELL_HELD_BACK_EVERY_MS + 500).tell).toBe(0);
  });

  it('always sends the reader their own comments and the replies to them, without spending the allowance', () => {
    const me = reader({ ownCommentIds: new Set(['mine-earlier']), allowance: spent() });
    const flush = [comment('a', 'x'), comment('own', 'me'), comment('b', 'y', 'p1', 'mine-earlier'), comment('c', 'y', 'p1', 'someone-else')];
    expect(chooseLiveComments(me, flush, RATE, 0)).toEqual({ sent: [1, 2], heldBack: 2, tell: 2 });
    expect(me.allowance.tokens).toBe(0);
  });

  it('sends the comments on the paragraph the reader is at first, then the rest in the order they came', () => {
    const me = reader({ paragraphId: 'p7' });
    const flush = [comment('a', 'x', 'p1'), comment('b', 'x', 'p7'), comment('c', 'x', 'p2'), comment('d', 'x', 'p7'), comment('e', 'x', 'p3')];
    expect(chooseLiveComments(me, flush, RATE, 0)).toMatchObject({ sent: [0, 1, 3], heldBack: 2 });
  });

  it('gives a reader a few seconds of the steady rate as the burst', () => {
    expect(liveCommentRate(20)).toEqual({ perSecond: 20, burst: 60 });
  });
});
