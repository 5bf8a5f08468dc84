import { Room, ServerError, type Client } from '@colyseus/core';
import { MessageBudget } from '../shared/message-budget';
import { validator, type Parsed } from '../shared/message-validator';
import { authenticatePlayer, type PlayerAuthData, type PlayerAuthenticator } from '../shared/player-auth';
import { SerialQueue } from '../shared/serial-queue';
import type { RoomTelemetry } from '../shared/room-telemetry';
import type { SessionRecorder, SessionRecording } from '../shared/session-recorder';
import { applyAction, type Refusal, type StoryAction } from './engine';
import { advanceSchema, chooseSchema, joinOptionsSchema, StoryMessage, type StoryErrorMessage, type StoryJoinOptions } from './protocol';
import { renderSession } from './render-state';
import { StoryState } from './StoryState';
import type { OpenedSession, StorySessions } from './story-sessions';

export interface StoryRoomLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface StoryRoomDeps {
  sessions: StorySessions;
  auth: PlayerAuthenticator;
  clock: { now(): Date };
  logger: StoryRoomLogger;
  recorder: SessionRecorder;
  /** Optional: messages and step latency for /metrics. */
  telemetry?: RoomTelemetry;
}

const RECONNECT_SECONDS = 30;
const MAX_QUEUED_MESSAGES = 8;

/**
 * One player's session in one story: a private room actor. It validates each message, asks the
 * pure engine what it means, saves the result (with any charge) through StorySessions, and only
 * then changes its state — so a refused or failed action leaves the state exactly as it was.
 */
export abstract class StoryRoom extends Room<StoryState> {
  protected abstract readonly deps: StoryRoomDeps;
  private options!: StoryJoinOptions;
  private ownerId: string | null = null;
  private session: OpenedSession | null = null;
  private queue!: SerialQueue;
  private budgets = new Map<string, MessageBudget>();
  private errorCount = 0;
  private recording: SessionRecording | null = null;

  override async onCreate(rawOptions: unknown): Promise<void> {
    const parsed = joinOptionsSchema.safeParse(rawOptions);
    if (!parsed.success) throw new ServerError(400, `INVALID_OPTIONS: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    this.options = parsed.data;
    if (!(await this.deps.sessions.storyExists(this.options.storyId))) throw new ServerError(404, `STORY_NOT_FOUND: there is no story ${this.options.storyId}`);
    this.state = new StoryState();
    this.state.storyId = this.options.storyId;
    this.maxClients = 1;
    // Message-driven: a patch goes out right after each applied message, not on a timer.
    this.patchRate = 0;
    await this.setPrivate(true);
    this.queue = new SerialQueue(MAX_QUEUED_MESSAGES, (error) => this.failed(error, 'message handler'));
    this.onMessage(StoryMessage.advance, (client, message: Parsed<unknown>) => this.receive(client, message, () => ({ type: 'advance' })), validator(advanceSchema));
    this.onMessage(StoryMessage.choose, (client, message: Parsed<{ choiceId: string }>) => this.receive(client, message, (m) => ({ type: 'choose', choiceId: m.choiceId })), validator(chooseSchema));
    this.onMessage('*', (client, type) => this.refuse(client, { code: 'UNKNOWN_MESSAGE', message: `The story room has no message "${String(type)}"` }, false));
  }

  override async onJoin(client: Client, _options: unknown, auth: PlayerAuthData): Promise<void> {
    if (this.ownerId !== null && this.ownerId !== auth.userId) throw new ServerError(403, 'FORBIDDEN: this story session belongs to another player');
    this.ownerId = auth.userId;
    this.recording ??= this.deps.recorder.start({ room: 'story', userId: auth.userId, options: { ...this.options } });
    this.budgets.set(client.sessionId, new MessageBudget(20, 10, this.clock.currentTime));
    await this.openSession(client);
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    if (consented) return this.endRecording('left');
    try {
      // Progress is saved on every step; this only keeps the room warm for a dropped socket.
      await this.allowReconnection(client, RECONNECT_SECONDS);
    } catch {
      this.budgets.delete(client.sessionId);
    }
  }

  /** Graceful stop: let queued steps finish saving before the clients are let go. */
  override async onBeforeShutdown(): Promise<void> {
    await this.queue?.drained();
    super.onBeforeShutdown();
  }

  override onDispose(): void {
    this.endRecording('disposed');
  }

  override onUncaughtException(error: Error, methodName: string): void {
    this.failed(error, methodName);
  }

  private receive<T>(client: Client, message: Parsed<T>, toAction: (value: T) => StoryAction): void {
    // Refusals of messages that are not recorded (flooding, garbage) stay out of the recording too.
    this.deps.telemetry?.message('story');
    if (!this.budgets.get(client.sessionId)?.take(this.clock.currentTime)) return this.refuse(client, { code: 'RATE_LIMITED', message: 'Too many messages; slow down' }, false);
    if (!message.ok) return this.refuse(client, { code: 'INVALID_MESSAGE', message: message.message }, false);
    const action = toAction(message.value);
    const arrived = performance.now();
    const accepted = this.queue.push(() => (this.session ? this.play(client, action) : this.openSession(client)).then(() => this.deps.telemetry?.step('story', action.type, (performance.now() - arrived) / 1000)));
    if (!accepted) return this.refuse(client, { code: 'RATE_LIMITED', message: 'Still working on your earlier messages' }, false);
    this.recording?.input(action.type, message.value);
  }

  /** Opens (or, while locked, retries opening) the chapter; a refusal leaves the session locked. */
  private async openSession(client: Client): Promise<void> {
    const opened = await this.deps.sessions.open(this.ownerId!, this.options.storyId, this.options.chapterId);
    if (!opened.ok) {
      this.state.status = 'locked';
      this.state.chapterId = this.options.chapterId ?? '';
      this.broadcastPatch();
      return this.refuse(client, opened.refusal);
    }
    this.session = opened.value;
    renderSession(this.state, this.session);
    this.broadcastPatch();
    this.recordScene();
  }

  private async play(client: Client, action: StoryAction): Promise<void> {
    const session = this.session!;
    const before = session.progress;
    const outcome = applyAction(session.chapter, before, action, this.deps.clock.now());
    if (!outcome.ok) return this.refuse(client, outcome.refusal);
    const saved = await this.deps.sessions.save(this.ownerId!, before, outcome.progress, { diamonds: outcome.diamonds, choiceId: outcome.choice?.id ?? null });
    if (!saved.ok) {
      this.refuse(client, saved.refusal);
      // Another session of this player moved the story on: show where it stands now.
      if (saved.refusal.code === 'PROGRESS_CONFLICT') await this.openSession(client);
      return;
    }
    session.progress = outcome.progress;
    if (saved.value) session.wallet = saved.value;
    renderSession(this.state, session);
    this.broadcastPatch();
    this.recordScene();
  }

  private recordScene(): void {
    this.recording?.output({ kind: 'scene', chapterId: this.state.chapterId, sceneId: this.state.sceneId, status: this.state.status });
  }

  private endRecording(reason: 'left' | 'disposed'): void {
    this.recording?.end(reason);
    this.recording = null;
  }

  private refuse(client: Client, refusal: Refusal, recorded = true): void {
    const payload: StoryErrorMessage = { error: { code: refusal.code, message: refusal.message, details: refusal.details ?? {}, request_id: `${this.roomId}-${++this.errorCount}` } };
    client.send(StoryMessage.error, payload);
    if (recorded) this.recording?.output({ kind: 'error', code: refusal.code });
  }

  private failed(error: unknown, where: string): void {
    this.deps.logger.error({ err: error, roomId: this.roomId, where }, 'story room failure');
    for (const client of this.clients) this.refuse(client, { code: 'INTERNAL', message: 'Something went wrong on our side; your progress up to the last step is saved' });
  }
}

/** The room class to define, bound to its services (the composition root calls this). */
export function storyRoom(deps: StoryRoomDeps) {
  return class ConfiguredStoryRoom extends StoryRoom {
    protected override readonly deps = deps;
    static override async onAuth(token: string): Promise<PlayerAuthData> {
      return authenticatePlayer(deps.auth, token);
    }
  };
}
