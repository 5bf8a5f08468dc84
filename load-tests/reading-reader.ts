import { Client, getStateCallbacks, type Room } from 'colyseus.js';
import { READING_ROOM, ReadingMessage, type ReadingCommentMessage, type ReadingCommentsHeldBackMessage, type RoomErrorMessage } from '../rooms/reading/protocol';
import type { ReadingState } from '../rooms/reading/ReadingState';
import { RunStats } from './run-stats';
import { JoinFailed, StorySession } from './story-session';
import { GuestAccount } from './storyverse-api';
import { decodeRoomMessage, hasType, refusalCode, roomTypePrefix, WireRefusal, WireRoom } from './wire-room';
import { errorText } from './error-text';

const JOIN_TIMEOUT_MS = 15_000;

/** A change a reader saw: the count of a paragraph's emoji, or a comment's text. */
export type Sighting = { kind: 'count'; key: string } | { kind: 'comment'; text: string };

const COMMENT_TYPE = roomTypePrefix(ReadingMessage.comment);
const ERROR_TYPE = roomTypePrefix(ReadingMessage.error);
const HELD_BACK_TYPE = roomTypePrefix(ReadingMessage.commentsHeldBack);

/**
 * A guest who has opened the chapter (a story session on it, as a real reader does first — the
 * reading room lets in only readers who have), then sits in the chapter's reading room. Readers
 * chosen as observers are colyseus.js clients that watch reaction counts through schema callbacks;
 * the others speak the room protocol on a bare socket (WireRoom) and only count the comments that
 * reach them (the server sends each to the whole chapter) — at release day's 10,000 readers that
 * is close to a million frames a second, which colyseus.js cannot decode on the server's cores.
 */
export class ReadingReader {
  private room: Room<ReadingState> | null = null;
  private wire: WireRoom | null = null;
  /** Resolves a wire leave once the server has closed the socket. */
  private onWireClosed: (() => void) | null = null;
  private gone = false;

  private constructor(
    private readonly client: Client,
    private readonly target: string,
    private readonly stats: RunStats,
  ) {}

  /** Preparation, not measured: a guest account and the chapter opened in a story session. */
  static async prepare(target: string, storyId: string, stats: RunStats): Promise<ReadingReader> {
    const guest = await GuestAccount.create(target);
    const client = new Client(target.replace(/^http/, 'ws'));
    client.auth.token = await guest.accessToken();
    // Its own figures: a story session's join is not a reading room's.
    const story = await StorySession.open(target, client.auth.token, { storyId }, new RunStats());
    await story.leave();
    return new ReadingReader(client, target, stats);
  }

  get open(): boolean {
    return (this.room !== null || this.wire !== null) && !this.gone;
  }

  /** Measured: joinOrCreate('reading') → the first state. An observer (onSighting) joins with colyseus.js. */
  async join(storyId: string, chapterId: string, onSighting: ((sighting: Sighting) => void) | null): Promise<void> {
    if (!onSighting) return this.joinOnWire(storyId, chapterId);
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const room = await Promise.race([
        this.client.joinOrCreate<ReadingState>(READING_ROOM, { storyId, chapterId }).then(async (joined) => {
          // Handlers first: the room sends `mine` (and any comment) with the first state.
          this.listen(joined, onSighting);
          await new Promise<void>((resolve) => {
            if (joined.state?.chapterId) return resolve();
            joined.onStateChange.once(() => resolve());
          });
          return joined;
        }),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new JoinFailed('JOIN_TIMEOUT', `no reading room within ${JOIN_TIMEOUT_MS / 1000} s`)), JOIN_TIMEOUT_MS))),
      ]);
      this.room = room;
      this.stats.joinMs.record(performance.now() - started);
      this.stats.connected++;
      this.stats.playersConnected++;
      room.onLeave((code) => {
        if (this.gone) return;
        this.gone = true;
        this.stats.connected--;
        if (code !== 1000) this.stats.error('DISCONNECTED', `the reading room closed with ${code}`);
      });
    } catch (error) {
      if (error instanceof JoinFailed) throw error;
      const text = errorText(error);
      throw new JoinFailed(refusalCode(text), text);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The same join on a bare socket: seat reservation, WebSocket, JOIN_ROOM acknowledged, first state. */
  private async joinOnWire(storyId: string, chapterId: string): Promise<void> {
    const started = performance.now();
    const token = this.client.auth.token!;
    let timer: NodeJS.Timeout | undefined;
    let wire: WireRoom | null = null;
    let seatAt = 0;
    let givenUp = false;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new JoinFailed('JOIN_TIMEOUT', `no reading room within ${JOIN_TIMEOUT_MS / 1000} s`)), JOIN_TIMEOUT_MS);
        WireRoom.reserve(this.target, 'joinOrCreate', READING_ROOM, { storyId, chapterId }, token).then((seat) => {
          // A seat that comes after the timeout is left to expire.
          if (givenUp) return;
          seatAt = performance.now();
          this.stats.seatMs.record(seatAt - started);
          wire = WireRoom.open(this.target, seat, token, {
            counted: { type: COMMENT_TYPE, seen: () => this.stats.messagesReceived++ },
            onState: resolve,
            onRefused: (text) => reject(new JoinFailed(refusalCode(text), text)),
            onData: (frame, typeStart) => this.wireData(frame, typeStart),
            onClose: (code, reason) => {
              if (!this.wire) return reject(new JoinFailed('JOIN_FAILED', `the reading room closed with ${code}${reason ? ` (${reason})` : ''} before its first state`));
              this.closed(code);
            },
          });
        }, reject);
      });
      this.wire = wire;
      const stateAt = performance.now();
      this.stats.joinMs.record(stateAt - started);
      this.stats.joinSteps(seatAt, this.wire!.reached, stateAt);
      this.stats.connected++;
      this.stats.playersConnected++;
    } catch (error) {
      givenUp = true;
      (wire as WireRoom | null)?.destroy();
      if (error instanceof JoinFailed) throw error;
      if (error instanceof WireRefusal) throw new JoinFailed(error.code, error.message);
      throw new JoinFailed('JOIN_UNREACHABLE', errorText(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /** A room message on the bare socket other than a comment (counted in place): refusals and held-back counts are read, the rest left undecoded. */
  private wireData(frame: Buffer, typeStart: number): void {
    if (hasType(frame, typeStart, HELD_BACK_TYPE)) return void (this.stats.commentsHeldBack += (decodeRoomMessage(frame, typeStart).message as ReadingCommentsHeldBackMessage).count);
    if (!hasType(frame, typeStart, ERROR_TYPE)) return;
    const { error } = decodeRoomMessage(frame, typeStart).message as RoomErrorMessage;
    this.stats.error(error.code, error.message);
  }

  send(type: 'position' | 'react' | 'comment', message: object): void {
    if (!this.open) return;
    if (this.wire) this.wire.send(type, message);
    else this.room!.send(type, message);
    this.stats.messagesSent++;
  }

  async leave(): Promise<void> {
    if (this.gone) return;
    if (this.wire) {
      this.gone = true;
      this.stats.connected--;
      const wire = this.wire;
      const closed = new Promise<void>((resolve) => (this.onWireClosed = resolve));
      wire.leave();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
      return wire.destroy();
    }
    if (!this.room) return;
    this.gone = true;
    this.stats.connected--;
    await Promise.race([this.room.leave(true).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000))]);
  }

  /** The bare socket closed: after a leave, expected; otherwise the server dropped the reader. */
  private closed(code: number): void {
    this.onWireClosed?.();
    if (this.gone) return;
    this.gone = true;
    this.stats.connected--;
    if (code !== 1000 && code !== 4000) this.stats.error('DISCONNECTED', `the reading room closed with ${code}`);
  }

  private listen(room: Room<ReadingState>, onSighting: ((sighting: Sighting) => void) | null): void {
    room.onMessage(ReadingMessage.comment, (comment: ReadingCommentMessage) => {
      this.stats.messagesReceived++;
      onSighting?.({ kind: 'comment', text: comment.text });
    });
    room.onMessage(ReadingMessage.commentDeleted, () => undefined);
    room.onMessage(ReadingMessage.commentsHeldBack, (m: ReadingCommentsHeldBackMessage) => (this.stats.commentsHeldBack += m.count));
    room.onMessage(ReadingMessage.mine, () => undefined);
    room.onMessage(ReadingMessage.error, (m: RoomErrorMessage) => this.stats.error(m.error.code, m.error.message));
    if (onSighting) this.watchCounts(room, onSighting);
  }

  /** Every emoji count of every paragraph, as `paragraphId|emoji` (observers only: it costs a callback per change). */
  private watchCounts(room: Room<ReadingState>, onSighting: (sighting: Sighting) => void): void {
    const $ = getStateCallbacks(room);
    $(room.state).reactions.onAdd((paragraph, paragraphId) => {
      $(paragraph).onChange(() => onSighting({ kind: 'count', key: String(paragraphId) }));
    });
  }
}
