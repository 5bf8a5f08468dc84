import { Client, type Room } from 'colyseus.js';
import { READING_ROOM, ReadingMessage, type ReadingCommentDeletedMessage, type ReadingCommentMessage, type ReadingCommentsHeldBackMessage, type ReadingMineMessage, type RoomErrorMessage } from '../../../rooms/reading/protocol';
import type { ReadingState } from '../../../rooms/reading/ReadingState';
import { backoffDelay, waitOrOnline } from '../shell/backoff';
import { roomEndpoint } from '../shell/room-endpoint';

export type ReadingRefusal = RoomErrorMessage['error'];

export interface ReadingListener {
  onState(state: ReadingState): void;
  onComment(comment: ReadingCommentMessage): void;
  onCommentDeleted(deleted: ReadingCommentDeletedMessage): void;
  /** A busy chapter: comments that were not sent live (stored; the REST history has them). */
  onCommentsHeldBack(heldBack: ReadingCommentsHeldBackMessage): void;
  /** At join: the reactions this reader has standing. */
  onMine(mine: ReadingMineMessage): void;
  onRefusal(refusal: ReadingRefusal): void;
  /** The socket dropped and we are joining again (true), or are back (false). */
  onReconnecting(reconnecting: boolean): void;
}

/** How many times a dropped reading room is joined again before giving up (a few minutes in all). */
const REJOIN_ATTEMPTS = 12;

/**
 * A seat in the chapter's reading room over colyseus.js. A reading room keeps nothing per reader
 * that joining again would lose (reactions and comments are stored), so a dropped socket simply
 * joins the chapter again, with backoff.
 */
export class ReadingConnection {
  private readonly client = new Client(roomEndpoint());
  private room: Room<ReadingState> | null = null;
  private closed = false;

  constructor(
    private readonly accessToken: () => Promise<string>,
    private readonly storyId: string,
    private readonly chapterId: string,
  ) {}

  /** Joins; a refusal (CHAPTER_LOCKED, READING_NOT_AVAILABLE, …) rejects with the server's words. */
  async open(listener: ReadingListener): Promise<void> {
    this.client.auth.token = await this.accessToken();
    const room = await this.client.joinOrCreate<ReadingState>(READING_ROOM, { storyId: this.storyId, chapterId: this.chapterId });
    if (this.closed) return void room.leave(true).catch(() => {});
    this.attach(room, listener);
  }

  send(type: 'position' | 'react' | 'comment', message: object): void {
    this.room?.send(type, message);
  }

  close(): void {
    this.closed = true;
    void this.room?.leave(true).catch(() => {});
    this.room = null;
  }

  private attach(room: Room<ReadingState>, listener: ReadingListener): void {
    this.room = room;
    const current = () => this.room === room;
    room.onStateChange((state) => current() && listener.onState(state));
    room.onMessage(ReadingMessage.comment, (m: ReadingCommentMessage) => current() && listener.onComment(m));
    room.onMessage(ReadingMessage.commentDeleted, (m: ReadingCommentDeletedMessage) => current() && listener.onCommentDeleted(m));
    room.onMessage(ReadingMessage.commentsHeldBack, (m: ReadingCommentsHeldBackMessage) => current() && listener.onCommentsHeldBack(m));
    room.onMessage(ReadingMessage.mine, (m: ReadingMineMessage) => current() && listener.onMine(m));
    room.onMessage(ReadingMessage.error, (m: RoomErrorMessage) => current() && listener.onRefusal(m.error));
    room.onLeave(() => {
      if (!current() || this.closed) return;
      this.room = null;
      void this.rejoin(listener);
    });
    if (room.state?.chapterId) listener.onState(room.state);
  }

  private async rejoin(listener: ReadingListener): Promise<void> {
    listener.onReconnecting(true);
    for (let attempt = 0; attempt < REJOIN_ATTEMPTS && !this.closed; attempt++) {
      await waitOrOnline(backoffDelay(attempt));
      if (this.closed) return;
      try {
        await this.open(listener);
        listener.onReconnecting(false);
        return;
      } catch {
        // Not back yet: wait longer and try again.
      }
    }
  }
}
