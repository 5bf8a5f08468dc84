import { type Client, type Room } from 'colyseus.js';
import { STORY_ROOM, StoryMessage, type RoomErrorMessage, type StoryJoinOptions } from '../rooms/story/protocol';
import type { StoryState } from '../rooms/story/StoryState';
import type { RunStats } from './run-stats';
import { errorText } from './error-text';

/** What the server showed after a message: a new scene (or status), or a refusal. */
export type Outcome = { kind: 'scene'; chapterId: string; sceneId: string; status: string } | { kind: 'error'; code: string };

export type PlayerMessage = typeof StoryMessage.advance | typeof StoryMessage.choose;

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

/**
 * One joined `story` room, instrumented: join latency (create() → first state with a scene),
 * round trips (send → the next scene change or refusal), messages in and out, unexpected
 * disconnects. It reads three state fields per patch and nothing else, to keep the generator light.
 */
export class StorySession {
  private sceneKey = '';
  private waiter: ((outcome: Outcome | null) => void) | null = null;
  private leaving = false;
  private joined = false;
  private gone = false;
  private constructor(
    private readonly room: Room<StoryState>,
    private readonly stats: RunStats,
    /** Sees every outcome in order, the opening scene and refusals sent with it included. */
    private readonly onOutcome: (outcome: Outcome) => void,
  ) {}

  /** create('story', options) and wait for the opening scene (or the locked status). */
  static async open(client: Client, options: StoryJoinOptions, stats: RunStats, onOutcome: (outcome: Outcome) => void = () => undefined): Promise<StorySession> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const joining = client.create<StoryState>(STORY_ROOM, options).then((room) => new StorySession(room, stats, onOutcome).opened());
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new JoinFailed('JOIN_TIMEOUT', `no opening scene within ${JOIN_TIMEOUT_MS / 1000} s`)), JOIN_TIMEOUT_MS);
    });
    try {
      const session = await Promise.race([joining, timeout]);
      stats.joinMs.record(performance.now() - started);
      stats.connected++;
      return session;
    } catch (error) {
      // Too late is still a seat: give it back if it ever arrives.
      joining.then((late) => late.abandon(), () => undefined);
      throw error instanceof JoinFailed ? error : joinFailure(error);
    } finally {
      clearTimeout(timer);
    }
  }

  get state(): StoryState {
    return this.room.state;
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
    this.room.send(message, payload);
    this.stats.messagesSent++;
  }

  /** A consented leave; the server frees the room at once. */
  async leave(): Promise<void> {
    if (this.leaving || this.gone) return;
    this.leaving = true;
    this.stats.connected--;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.room.leave(true).catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, LEAVE_TIMEOUT_MS)))]);
    clearTimeout(timer);
  }

  /** Leaves a session that was never counted as joined (it opened after its join timed out). */
  private abandon(): void {
    this.leaving = true;
    this.room.leave(true).catch(() => undefined);
  }

  /** Resolves once the first state shows a scene (or that the chapter is locked). */
  private opened(): Promise<StorySession> {
    return new Promise((resolve, reject) => {
      // Registered synchronously after create() resolves: the first state arrives in a later socket event.
      this.room.onStateChange((state) => {
        this.stats.messagesReceived++;
        const opening = !this.joined;
        // Nothing to show before the session has a scene (or knows it is locked).
        if (opening && !state.sceneId && state.status !== 'locked') return;
        const key = `${state.chapterId}\n${state.sceneId}\n${state.status}`;
        if (key === this.sceneKey) return;
        this.sceneKey = key;
        if (opening) {
          this.joined = true;
          resolve(this);
        }
        this.deliver({ kind: 'scene', chapterId: state.chapterId, sceneId: state.sceneId, status: state.status });
      });
      this.room.onMessage(StoryMessage.error, (message: RoomErrorMessage) => {
        this.stats.messagesReceived++;
        this.deliver({ kind: 'error', code: message.error.code });
      });
      this.room.onLeave((code) => {
        if (this.leaving) return;
        this.gone = true;
        if (!this.joined) return reject(new JoinFailed('JOIN_DISCONNECTED', `the socket closed before the opening scene (code ${code})`));
        this.stats.connected--;
        this.stats.error('DISCONNECTED', `the server closed the socket (code ${code})`);
        this.waiter?.(null);
      });
    });
  }

  private deliver(outcome: Outcome): void {
    this.onOutcome(outcome);
    this.waiter?.(outcome);
  }
}

function joinFailure(error: unknown): JoinFailed {
  const text = errorText(error);
  // The room refuses with "CODE: words" (STORY_NOT_FOUND, INVALID_TOKEN, …).
  const coded = /^([A-Z][A-Z0-9_]+):\s*/.exec(text);
  if (coded?.[1]) return new JoinFailed(coded[1], text);
  const network = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket hang up/.test(text);
  return new JoinFailed(network ? 'JOIN_UNREACHABLE' : 'JOIN_FAILED', text || 'join failed');
}
