import { Client, type Room } from 'colyseus.js';
import { RECONNECT_SECONDS } from '../../../rooms/shared/reconnect-window';
import type { RoomErrorMessage, StoryJoinOptions } from '../../../rooms/story/protocol';
import type { StoryState } from '../../../rooms/story/StoryState';
import { backoffDelay, waitOrOnline } from './backoff';
import { JoinFailure } from './join-failure';
import { roomEndpoint } from './room-endpoint';

export type StoryRefusal = RoomErrorMessage['error'];
export type ConnectionStatus = 'connected' | 'reconnecting' | 'lost';

export interface StoryConnectionOptions {
  storyId: string;
  chapterId?: string;
  /** The writer previews `chapterId` (a draft or scheduled chapter): nothing is spent or saved. */
  preview?: boolean;
  /** A valid access token (refreshed first when close to expiry). */
  accessToken(): Promise<string>;
  /** Forces a refresh after the room said INVALID_TOKEN; returns the new access token. */
  renewToken(stale: string): Promise<string>;
  onState(state: StoryState): void;
  onRefusal(refusal: StoryRefusal): void;
  onStatus(status: ConnectionStatus): void;
}

const NORMAL_CLOSURE = 1000;
const JOIN_TIMEOUT_MS = 15_000;

/**
 * One story session over colyseus.js: joins the `story` room, forwards state and refusals, and on
 * an unexpected drop rejoins the same room (reconnection token, with backoff) — or, once the seat
 * is gone, opens a new session where the saved progress stands.
 */
export class StoryConnection {
  private readonly client = new Client(roomEndpoint());
  private room: Room<StoryState> | null = null;
  private closed = false;

  constructor(private readonly options: StoryConnectionOptions) {}

  /** Joins the room; throws a JoinFailure the screen can word. */
  async open(): Promise<void> {
    const room = await this.join(this.options.chapterId);
    // The reader left while we were joining: don't keep the session open behind their back.
    if (this.closed) room.leave(true).catch(() => {});
    else this.attach(room);
  }

  advance(): void {
    this.room?.send('advance', {});
  }

  choose(choiceId: string): void {
    this.room?.send('choose', { choiceId });
  }

  /** At a chapter's end, opens the next chapter in this room; false when there is no room to ask (dropped). */
  next(): boolean {
    this.room?.send('next', {});
    return this.room !== null;
  }

  /** Names the character (where the scene asks). */
  name(name: string): void {
    this.room?.send('name', { name });
  }

  /** Wears an outfit (buying a premium one, once). */
  wear(outfitId: string): void {
    this.room?.send('wear', { outfitId });
  }

  close(): void {
    this.closed = true;
    const room = this.room;
    this.room = null;
    // Consented leave: the server frees the session at once instead of holding the seat.
    room?.leave(true).catch(() => {});
  }

  private async join(chapterId: string | undefined): Promise<Room<StoryState>> {
    const options: StoryJoinOptions = chapterId ? { storyId: this.options.storyId, chapterId } : { storyId: this.options.storyId };
    if (this.options.preview) options.preview = true;
    let token = await this.options.accessToken();
    for (let attempt = 0; ; attempt++) {
      this.client.auth.token = token;
      try {
        return await this.withinJoinTimeout(this.client.create<StoryState>('story', options));
      } catch (error) {
        const failure = JoinFailure.from(error);
        // The token expired between the check and the join: refresh once and go again.
        if (failure.code !== 'INVALID_TOKEN' || attempt > 0) throw failure;
        token = await this.options.renewToken(token);
      }
    }
  }

  /**
   * A socket that never opens (a proxy that drops the upgrade) leaves colyseus.js waiting forever:
   * give up after a while so the reader gets "try again" instead of an endless spinner.
   */
  private withinJoinTimeout(joining: Promise<Room<StoryState>>): Promise<Room<StoryState>> {
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(new JoinFailure('UNREACHABLE', 'Joining the story took too long', false));
      }, JOIN_TIMEOUT_MS);
      joining.then(
        (room) => {
          clearTimeout(timer);
          // Too late: we already told the reader it failed; don't keep a session nobody watches.
          if (timedOut) room.leave(true).catch(() => {});
          else resolve(room);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  private attach(room: Room<StoryState>): void {
    this.room = room;
    // Registered synchronously after the join resolves: the first state and any refusal sent
    // while joining (NO_KEYS) arrive as later socket events, so none is missed.
    room.onStateChange((state) => {
      if (this.room === room) this.options.onState(state);
    });
    room.onMessage('error', (message: RoomErrorMessage) => {
      if (this.room === room) this.options.onRefusal(message.error);
    });
    room.onLeave((code) => {
      if (this.room !== room || this.closed) return;
      this.room = null;
      if (code !== NORMAL_CLOSURE) void this.recover(room.reconnectionToken);
      else this.options.onStatus('lost');
    });
  }

  private async recover(reconnectionToken: string): Promise<void> {
    this.options.onStatus('reconnecting');
    // The server keeps a dropped seat this long; after it, a new story session resumes from saved progress.
    const deadline = Date.now() + RECONNECT_SECONDS * 1000;
    let attempt = 0;
    while (!this.closed && Date.now() < deadline) {
      await waitOrOnline(backoffDelay(attempt++));
      if (this.closed) return;
      try {
        this.client.auth.token = await this.options.accessToken().catch(() => this.client.auth.token);
        return this.resumed(await this.withinJoinTimeout(this.client.reconnect<StoryState>(reconnectionToken)));
      } catch (error) {
        // The server answered but the seat is gone (expired, room disposed): stop asking for it.
        if (JoinFailure.from(error).answered) break;
      }
    }
    while (!this.closed) {
      try {
        // No chapterId: resume wherever the saved progress stands (a preview saves none: open its chapter again).
        return this.resumed(await this.join(this.options.preview ? this.options.chapterId : undefined));
      } catch (error) {
        const failure = JoinFailure.from(error);
        if (!failure.transient) {
          this.options.onStatus('lost');
          return;
        }
      }
      await waitOrOnline(backoffDelay(attempt++, 1000, 10_000));
    }
  }

  private resumed(room: Room<StoryState>): void {
    if (this.closed) {
      room.leave(true).catch(() => {});
      return;
    }
    this.attach(room);
    this.options.onStatus('connected');
  }
}
