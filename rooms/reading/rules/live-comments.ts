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

/** A reader's token bucket for live comments. */
export interface LiveAllowance {
  tokens: number;
  at: number;
}

/** A reader who has been away from a busy chapter gets this many seconds' worth at once. */
const BURST_SECONDS = 3;

export const liveCommentRate = (perSecond: number): LiveCommentRate => ({ perSecond, burst: perSecond * BURST_SECONDS });

export const fullAllowance = (rate: LiveCommentRate, nowMs: number): LiveAllowance => ({ tokens: rate.burst, at: nowMs });

/** Which of a flush's messages a reader gets (indices into it, in order), and how many comments were held back. */
export interface LiveChoice {
  /** null: all of them. */
  sent: number[] | null;
  heldBack: number;
}

const ALL: LiveChoice = { sent: null, heldBack: 0 };

/**
 * A reader is sent at most `rate` of the chapter's comments live; the rest are held back, counted, and
 * left for the reader to fetch (REST). 10,000 readers of one chapter write ~80 comments a second,
 * which nobody reads as they come, and sending each to each reader is ~800,000 frames a second:
 * more than the readers' connections take, so they fall behind and everything waits behind them.
 *
 * Never held back: the reader's own comments and the replies to them (their comment appears, their
 * conversation goes on). Among the rest, those on the paragraph the reader is at go first, then the
 * others in the order they came. Messages that are not comments (null: a deletion) always go. Pure: the caller passes the time and the reader's bucket, which it updates.
 */
export function chooseLiveComments(reader: LiveReader, messages: readonly (LiveComment | null)[], rate: LiveCommentRate, nowMs: number): LiveChoice {
  const allowance = reader.allowance;
  allowance.tokens = Math.min(rate.burst, allowance.tokens + (Math.max(0, nowMs - allowance.at) / 1000) * rate.perSecond);
  allowance.at = nowMs;
  const theirs = (comment: LiveComment) => comment.authorId === reader.userId || (comment.replyTo !== null && reader.ownCommentIds.has(comment.replyTo));
  let others = 0;
  for (const comment of messages) if (comment && !theirs(comment)) others++;
  if (others <= allowance.tokens) {
    allowance.tokens -= others;
    return ALL;
  }
  const sent = new Set<number>();
  messages.forEach((comment, index) => (!comment || theirs(comment)) && sent.add(index));
  let budget = Math.floor(allowance.tokens);
  const take = (here: boolean) => {
    messages.forEach((comment, index) => {
      if (budget > 0 && comment && !sent.has(index) && (comment.paragraphId === reader.paragraphId) === here) {
        sent.add(index);
        budget--;
      }
    });
  };
  if (reader.paragraphId !== null) take(true);
  take(false);
  const taken = Math.floor(allowance.tokens) - budget;
  allowance.tokens -= taken;
  return { sent: [...sent].sort((a, b) => a - b), heldBack: others - taken };
}
