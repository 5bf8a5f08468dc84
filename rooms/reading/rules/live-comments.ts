/** What the room knows of a comment it is about to send live (not the text: the choice never reads it). */
export interface LiveComment {
  id: string;
  authorId: string;
  paragraphId: string;
  replyTo: string | null;
}

/** One reader as the choice sees them: who, the paragraph they share (if any), and their allowance. */
export interface LiveReader {
  userId: string;
  paragraphId: string | null;
  /** Ids of this reader's comments seen in this room (their replies always reach them). */
  ownCommentIds: ReadonlySet<string>;
  allowance: LiveAllowance;
}

/** How many of a busy chapter's comments one reader is sent live: a steady rate, and a burst on top. */
export interface LiveCommentRate {
  perSecond: number;
  burst: number;
}

/** A reader's token bucket for live comments, and the comments held back from them that they have not been told of yet. */
export interface LiveAllowance {
  tokens: number;
  at: number;
  untold: number;
  toldAt: number;
}

/** A reader who has been away from a busy chapter gets this many seconds' worth at once. */
const BURST_SECONDS = 3;

export const liveCommentRate = (perSecond: number): LiveCommentRate => ({ perSecond, burst: perSecond * BURST_SECONDS });

/**
 * A reader is told how many comments were held back from them at most this often: on a busy chapter
 * nearly every flush holds some back, and a count a flush would be as many frames again as the patches.
 */
export const TELL_HELD_BACK_EVERY_MS = 2000;

export const fullAllowance = (rate: LiveCommentRate, nowMs: number): LiveAllowance => ({ tokens: rate.burst, at: nowMs, untold: 0, toldAt: nowMs - TELL_HELD_BACK_EVERY_MS });

/** Which of a flush's messages a reader gets (indices into it, in order), how many comments were held back, and how many to tell them of now. */
export interface LiveChoice {
  /** null: all of them. */
  sent: number[] | null;
  heldBack: number;
  /** Held back since the reader was last told (this flush's included); 0: not yet (see TELL_HELD_BACK_EVERY_MS). */
  tell: number;
}

/**
 * A reader is sent at most `rate` of the chapter's comments live; the rest are held back, counted, and
 * left for the reader to fetch (REST). 10,000 readers of one chapter write ~80 comments a second,
 * which nobody reads as they come, and sending each to each reader is ~800,000 frames a second:
 * more than the readers' connections take, so they fall behind and everything waits behind them.
 *
 * Never held back: the reader's own comments and the replies to them (their comment appears, their
 * conversation goes on). Among the rest, those on the paragraph the reader is at go first, then the
 * others in the order they came. Messages that are not comments (null: a deletion) always go. The
 * count held back is told at once, then at most every TELL_HELD_BACK_EVERY_MS (at a flush: a flush
 * with no messages still tells what is due). Pure: the caller passes the time and the reader's bucket, which it updates.
 */
export function chooseLiveComments(reader: LiveReader, messages: readonly (LiveComment | null)[], rate: LiveCommentRate, nowMs: number): LiveChoice {
  const allowance = reader.allowance;
  allowance.tokens = Math.min(rate.burst, allowance.tokens + (Math.max(0, nowMs - allowance.at) / 1000) * rate.perSecond);
  allowance.at = nowMs;
  // Every reader of a room is asked at every flush, over the same messages: counted in one pass and
  // chosen in one more, with no closure or array but the answer (10,000 readers, 2 flushes a second).
  let others = 0;
  let here = 0;
  for (const comment of messages) {
    if (comment === null || isTheirs(reader, comment)) continue;
    others++;
    if (comment.paragraphId === reader.paragraphId) here++;
  }
  if (others <= allowance.tokens) {
    allowance.tokens -= others;
    return { sent: null, heldBack: 0, tell: untoldToTell(allowance, 0, nowMs) };
  }
  const budget = Math.floor(allowance.tokens);
  // The first of those on the reader's paragraph, then the first of the rest with what is left, in the order they came.
  let hereLeft = Math.min(budget, here);
  let restLeft = budget - hereLeft;
  const sent: number[] = [];
  for (let index = 0; index < messages.length; index++) {
    const comment = messages[index]!;
    if (comment === null || isTheirs(reader, comment)) sent.push(index);
    else if (comment.paragraphId === reader.paragraphId ? hereLeft-- > 0 : restLeft-- > 0) sent.push(index);
  }
  allowance.tokens -= budget;
  return { sent, heldBack: others - budget, tell: untoldToTell(allowance, others - budget, nowMs) };
}

/** The reader's own comment, or a reply to one of theirs. */
function isTheirs(reader: LiveReader, comment: LiveComment): boolean {
  return comment.authorId === reader.userId || (comment.replyTo !== null && reader.ownCommentIds.has(comment.replyTo));
}

function untoldToTell(allowance: LiveAllowance, heldBack: number, nowMs: number): number {
  allowance.untold += heldBack;
  if (allowance.untold === 0 || nowMs - allowance.toldAt < TELL_HELD_BACK_EVERY_MS) return 0;
  const tell = allowance.untold;
  allowance.untold = 0;
  allowance.toldAt = nowMs;
  return tell;
}
