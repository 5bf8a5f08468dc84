import { getMessageBytes, Protocol } from '@colyseus/core';
import type { FrameShare } from '../shared/frame-batch';
import { ReadingMessage, type ReadingCommentMessage, type ReadingCommentsHeldBackMessage } from './protocol';
import { chooseLiveComments, fullAllowance, type LiveComment, type LiveCommentRate, type LiveReader } from './rules/live-comments';

/** A reader's own comment ids kept for their replies to reach them live (the newest this many). */
const OWN_COMMENTS_KEPT = 50;

/** Everything gathered and nothing of its own: a reader's share while nothing is held back from them. */
const EVERYTHING: FrameShare = { indices: null, own: null };

/** One user's comment ids in this room, shared by their sessions here (two tabs), and how many sessions that is. */
interface OwnComments {
  ids: Set<string>;
  sessions: number;
}

/**
 * One reading room's side of the live comment rate (rules/live-comments): each reader's state, the tag
 * a comment is gathered with, and each reader's share of a flush with the held-back count when it is due.
 */
export class LiveCommentShares {
  /** `commentsHeldBack` frames by count: readers of a busy chapter are told much the same numbers. */
  private readonly heldBackFrames = new Map<number, Uint8Array>();
  /**
   * Own comments by author: a comment finds its author's sessions in one lookup. Every room of the
   * chapter tags every comment, so a walk over the room's readers per comment was, on release day,
   * a sixth of a game process's time.
   */
  private readonly ownByUser = new Map<string, OwnComments>();

  constructor(private readonly rate: LiveCommentRate) {}

  /** A joining reader's live state: a full allowance, no paragraph shared yet, and their own comment ids (which `tag` adds to). */
  joined(userId: string, nowMs: number): LiveReader {
    let own = this.ownByUser.get(userId);
    if (!own) {
      own = { ids: new Set(), sessions: 0 };
      this.ownByUser.set(userId, own);
    }
    own.sessions++;
    return { userId, paragraphId: null, ownCommentIds: own.ids, allowance: fullAllowance(this.rate, nowMs) };
  }

  /** A reader left the room: their own comment ids go with their last session here. */
  left(reader: LiveReader): void {
    const own = this.ownByUser.get(reader.userId);
    if (own && --own.sessions === 0) this.ownByUser.delete(reader.userId);
  }

  /** The tag a comment is gathered with; from now on it is its author's own in this room (the replies to it reach them). */
  tag(comment: ReadingCommentMessage): LiveComment {
    const { id, paragraphId, replyTo } = comment;
    const own = this.ownByUser.get(comment.author.id)?.ids;
    if (own) {
      own.add(id);
      // A Set iterates in insertion order: the first is the oldest.
      if (own.size > OWN_COMMENTS_KEPT) own.delete(own.values().next().value!);
    }
    return { id, authorId: comment.author.id, paragraphId, replyTo };
  }

  /** A reader's share of the flush (undefined: still joining — a join is not a flood, everything goes). */
  share(reader: LiveReader | undefined, tags: readonly (LiveComment | null)[], nowMs: number): FrameShare {
    if (!reader) return EVERYTHING;
    const choice = chooseLiveComments(reader, tags, this.rate, nowMs);
    if (choice.sent === null && choice.tell === 0) return EVERYTHING;
    return { indices: choice.sent, own: choice.tell > 0 ? this.heldBackFrame(choice.tell) : null };
  }

  private heldBackFrame(count: number): Uint8Array {
    let frame = this.heldBackFrames.get(count);
    if (!frame) {
      frame = getMessageBytes.raw(Protocol.ROOM_DATA, ReadingMessage.commentsHeldBack, { count } satisfies ReadingCommentsHeldBackMessage);
      // Counts are small numbers; the cache stops growing at 1,000 of them all the same.
      if (this.heldBackFrames.size < 1000) this.heldBackFrames.set(count, frame);
    }
    return frame;
  }
}
