import { Decoder } from '@colyseus/schema';
import { STORY_ROOM, StoryMessage, type RoomErrorMessage, type StoryJoinOptions } from '../rooms/story/protocol';
import { StoryState } from '../rooms/story/StoryState';
import type { RunStats } from './run-stats';
import { errorText } from './error-text';
import { decodeRoomMessage, hasType, refusalCode, roomTypePrefix, WireRefusal, WireRoom } from './wire-room';

/** What the server showed after a message: a new scene (or status), or a refusal. */
export type Outcome = { kind: 'scene'; chapterId: string; sceneId: string; status: string } | { kind: 'error'; code: string };

export type PlayerMessage = typeof StoryMessage.advance | typeof StoryMessage.choose | typeof StoryMessage.next;

/** A join that did not end in a first scene; `code` is what the report counts it under. */
export class JoinFailed extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'JoinFailed';
  }
}

const JOIN_TIMEOUT_MS = 15_000;
const ANSWER_TIMEOUT_MS = 10_000;
const LEAVE_TIMEOUT_MS = 5_000;

const ERROR_TYPE = roomTypePrefix(StoryMessage.error);

/**
 * One joined `story` room, instrumented: join latency (seat reservation → first state with a
 * scene), round trips (send → the next scene change or refusal), messages in and out, unexpected
 * disconnects. It speaks the room protocol on a bare socket (WireRoom) and decodes the state with
 * the schema decoder into the room's own StoryState class, as colyseus.js would — without
 * colyseus.js' WebSocket stack, event emitters and per-room reflected classes, which cost the load
 * tool as much CPU as the server it measures at 10,000 players.
 */
export class StorySession {
  private readonly decoded = new StoryState();
  private readonly decoder = new Decoder(this.decoded);
  private wire: WireRoom | null = null;
  private sceneKey = '';
  private waiter: ((outcome: Outcome | null) => void) | null = null;
  /** Resolves a leave once the server has closed the socket. */
  private onClosed: (() => void) | null = null;
  private leaving = false;
  private joined = false;
  private gone = false;
  private constructor(
    private readonly stats: RunStats,
    /** Sees every outcome in order, the opening scene and refusals sent with it included. */
    private readonly onOutcome: (outcome: Outcome) => void,
  ) {}

  /** create('story', options) as `token`'s player and wait for the opening scene (or the locked status). */
  static async open(target: string, token: string, options: StoryJoinOptions, stats: RunStats, onOutcome: (outcome: Outcome) => void = () => undefined): Promise<StorySession> {
    const started = performance.now();
    const session = new StorySession(stats, onOutcome);
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new JoinFailed('JOIN_TIMEOUT', `no opening scene within ${JOIN_TIMEOUT_MS / 1000} s`)), JOIN_TIMEOUT_MS);
        WireRoom.reserve(target, 'create', STORY_ROOM, options, token).then((seat) => {
          // Too late is still a seat: give it back if it ever opens.
          if (session.leaving) return;
          session.wire = WireRoom.open(target, seat, token, session.handlers(resolve, reject));
        }, reject);
      });
      stats.joinMs.record(performance.now() - started);
      stats.connected++;
      return session;
    } catch (error) {
      session.abandon();
      if (error instanceof JoinFailed) throw error;
      if (error instanceof WireRefusal) throw new JoinFailed(error.code, error.message);
      throw joinFailure(error);
    } finally {
      clearTimeout(timer);
    }
  }

  get state(): StoryState {
    return this.decoded;
  }

  /** False after an unexpected disconnect. */
  get open(): boolean {
    return !this.gone;
  }

  /** Sends a message and waits for what it caused; null when nothing came back in time (or the socket dropped). */
  async act(message: PlayerMessage | string, payload: object): Promise<{ outcome: Outcome | null; sentAt: number; rttMs: number }> {
    const sent = performance.now();
    const answered = new Promise<Outcome | null>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, ANSWER_TIMEOUT_MS);
      this.waiter = (outcome) => {
        clearTimeout(timer);
        this.waiter = null;
        resolve(outcome);
      };
    });
    this.send(message, payload);
    const outcome = await answered;
    return { outcome, sentAt: sent, rttMs: performance.now() - sent };
  }

  /** Sends without waiting for an answer. */
  send(message: PlayerMessage | string, payload: object): void {
    this.wire?.send(message, payload);
    this.stats.messagesSent++;
  }

  /** A consented leave; the server frees the room at once (and closes the socket). */
  async leave(): Promise<void> {
    if (this.leaving || this.gone) return;
    this.leaving = true;
    this.stats.connected--;
    const closed = new Promise<void>((resolve) => (this.onClosed = resolve));
    this.wire!.leave();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, LEAVE_TIMEOUT_MS)))]);
    clearTimeout(timer);
    this.wire!.destroy();
  }

  /** Leaves a session that was never counted as joined (its join failed or timed out); a seat still coming is given up. */
  private abandon(): void {
    this.leaving = true;
    const wire = this.wire;
    if (!wire) return;
    wire.leave();
    setTimeout(() => wire.destroy(), LEAVE_TIMEOUT_MS).unref();
  }

  /** The socket's events: the join settles on the first state that shows a scene (or a refusal or a close before it). */
  private handlers(opened: () => void, failed: (error: JoinFailed) => void): Parameters<typeof WireRoom.open>[3] {
    return {
      onStateBytes: (frame) => {
        this.stats.messagesReceived++;
        try {
          this.decoder.decode(frame, { offset: 1 });
        } catch (error) {
          // What follows a patch that cannot be read cannot be read either: the session ends here.
          this.stats.error('STATE_UNREADABLE', errorText(error));
          return this.wire?.destroy();
        }
        this.stateChanged(opened);
      },
      onState: () => undefined,
      onData: (frame, typeStart) => {
        if (!hasType(frame, typeStart, ERROR_TYPE)) return;
        this.stats.messagesReceived++;
        this.deliver({ kind: 'error', code: (decodeRoomMessage(frame, typeStart).message as RoomErrorMessage).error.code });
      },
      onRefused: (text) => failed(new JoinFailed(refusalCode(text), text)),
      onClose: (code, reason) => this.closed(code, reason, failed),
    };
  }

  private stateChanged(opened: () => void): void {
    const state = this.decoded;
    const opening = !this.joined;
    // Nothing to show before the session has a scene (or knows it is locked).
    if (opening && !state.sceneId && state.status !== 'locked') return;
    const key = `${state.chapterId}\n${state.sceneId}\n${state.status}`;
    if (key === this.sceneKey) return;
    this.sceneKey = key;
    if (opening) {
      this.joined = true;
      opened();
    }
    this.deliver({ kind: 'scene', chapterId: state.chapterId, sceneId: state.sceneId, status: state.status });
  }

  private closed(code: number, reason: string | undefined, failed: (error: JoinFailed) => void): void {
    this.onClosed?.();
    if (this.leaving || this.gone) return;
    this.gone = true;
    if (!this.joined) return failed(new JoinFailed('JOIN_DISCONNECTED', `the socket closed before the opening scene (code ${code}${reason ? `, ${reason}` : ''})`));
    this.stats.connected--;
    this.stats.error('DISCONNECTED', `the server closed the socket (code ${code})`);
    this.waiter?.(null);
  }

  private deliver(outcome: Outcome): void {
    this.onOutcome(outcome);
    this.waiter?.(outcome);
  }
}

/** A join that failed without a word from the server (its refusals arrive as WireRefusal or onRefused, with their code). */
function joinFailure(error: unknown): JoinFailed {
  const text = errorText(error);
  const network = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket hang up/.test(text);
  return new JoinFailed(network ? 'JOIN_UNREACHABLE' : 'JOIN_FAILED', text || 'join failed');
}
