/**
 * The room kit: what every room kind stands on. A room kind extends KitRoom, says how its
 * messages are guarded and which it receives (one table for the kind: kit-messages.ts), and is
 * bound to its services with configuredRoom:
 *
 *   const STORY_SETTINGS = { kind: 'story', budget: { burst: 20, perSecond: 10 }, capacity: 8,
 *     busyMessage: 'Still working on your earlier messages', failureMessage: 'Something went wrong…' };
 *   export class StoryRoom extends KitRoom<StoryState, StoryRoomDeps> {
 *     private static readonly MESSAGES = kitMessages<StoryRoom>({
 *       choose: serialMessage(chooseSchema, (room, client, m) => room.choose(client, m.choiceId)),
 *       typing: directMessage(typingSchema, (room, client, m) => room.setTyping(client, m.typing)),
 *     });
 *     protected get settings() { return STORY_SETTINGS; }                 // on the prototype: see kitGuard
 *     protected get messages() { return StoryRoom.MESSAGES; }
 *     override async onCreate(raw: unknown) {
 *       const options = parseJoinOptions(joinOptionsSchema, raw);          // 400 INVALID_OPTIONS
 *     }
 *     override async onJoin(client: Client) { await this.inMailbox(() => this.seat(client)); }
 *   }
 *   server.define('story', configuredRoom(StoryRoom, deps));             // static onAuth included
 *
 * Serial messages run one at a time in the room's mailbox (bounded: a full mailbox answers
 * RATE_LIMITED); direct ones at once; both are counted, budgeted per client and validated first;
 * any other type is answered UNKNOWN_MESSAGE. One Colyseus handler ('*') receives them all and
 * looks the type up in the kind's table: a handler per type would cost every room (every story
 * session) Colyseus' error wrapper, a bound function and a validator closure for each type.
 * `refuse` answers one client in the REST error shape; a job that throws ends in `failed`, which
 * logs it and refuses INTERNAL to everyone in the room.
 */
import { Room, type Client } from '@colyseus/core';
import type { ClientWrites } from './client-writes';
import { MessageGuard, type GuardSettings } from './message-guard';
import { shareHandshake } from './shared-handshake';
import type { KitMessages } from './kit-messages';
import { parse } from './message-validator';
import type { PlayerAuthenticator } from './player-auth';
import type { Refusal } from './room-error';
import type { RoomLogger } from './room-logger';
import type { RoomTelemetry } from './room-telemetry';
import { dropUnjoinedPatch, hasJoinedClient } from './unjoined-patch';

/** The services every room kind receives. */
export interface KitDeps {
  auth: PlayerAuthenticator;
  logger: RoomLogger;
  /** Optional: messages and step latency for /metrics. */
  telemetry?: RoomTelemetry;
  /** Optional: the transport's way of sending several frames to a client in one write (SEPARATE_WRITES without). */
  writes?: ClientWrites;
}

export interface RoomKitSettings extends GuardSettings {
  /** What everyone in the room is told when the room's own code failed. */
  failureMessage: string;
}

export abstract class KitRoom<State extends object, Deps extends KitDeps = KitDeps> extends Room<State> {
  protected abstract readonly deps: Deps;
  protected abstract readonly settings: RoomKitSettings;
  /** The message types the kind's rooms receive: its one table (kit-messages.ts), read from the prototype. */
  protected abstract readonly messages: KitMessages<this>;
  /**
   * Colyseus keeps a room's own properties in a hash table (its `__init` turns four of them into
   * accessors), which doubles past 42 entries: each field here is one more entry for every story
   * session. So `deps`, `settings` and `messages` are read from the prototype, and this is the kit's only field.
   */
  private kitGuard: MessageGuard | null = null;

  constructor() {
    super();
    this.onMessage('*', (client, type, payload) => this.dispatch(client, type, payload));
  }

  /** Made on first use (in tests a room's `settings` and `deps` may be fields, set after this constructor). */
  protected get guard(): MessageGuard {
    this.kitGuard ??= new MessageGuard(this, this.settings, { telemetry: this.deps.telemetry, failed: (error, where) => this.failed(error, where) });
    return this.kitGuard;
  }

  /** Validates and hands a message to its type's handler; an unknown type is answered UNKNOWN_MESSAGE (the client stays connected). */
  private dispatch(client: Client, type: string | number, payload: unknown): void {
    const message = typeof type === 'string' ? this.messages[type] : undefined;
    if (!message) return this.guard.refuseUnknown(client, type);
    const parsed = parse(message.schema, payload);
    if (!message.serial) return this.guard.direct(client, parsed, (value) => void message.work(this, client, value));
    if (this.guard.serial(client, type as string, parsed, (value) => message.work(this, client, value) as Promise<void | false>) && parsed.ok) this.messageAccepted(client, type as string, parsed.value);
  }

  /** The room's own work (joins, leaves, timers) through the mailbox; its result or error comes back. */
  protected inMailbox<T>(job: () => Promise<T>): Promise<T> {
    return this.guard.inMailbox(job);
  }

  /** Sets the room's state (in onCreate), sharing its kind's join handshake (shared-handshake.ts). */
  protected initState<S extends State>(state: S): S {
    this.state = state;
    shareHandshake(this);
    return state;
  }

  /** Called when a serial message was accepted into the mailbox (a story room records it). */
  protected messageAccepted(_client: Client, _type: string, _value: unknown): void {}

  /** Refuses one client's request in the REST error shape; state is unchanged. */
  protected refuse(client: Client, refusal: Refusal): void {
    this.guard.refuse(client, refusal);
  }

  /** The room's own code failed: log it and tell everyone, in the error shape. */
  protected failed(error: unknown, where: string): void {
    this.deps.logger.error({ err: error, roomId: this.roomId, where }, `${this.settings.kind} room failure`);
    for (const client of this.clients) this.refuse(client, { code: 'INTERNAL', message: this.settings.failureMessage });
  }

  /** A client gone for good (left, kicked, its reconnection window over). */
  protected forgetClient(client: Client): void {
    this.guard.forget(client);
  }

  /**
   * A story room renders its session inside its first client's join, before that client has joined:
   * Colyseus would encode a patch for nobody. Until a client has joined, the changes are dropped
   * unencoded (each joining client is sent the whole state). A room that sends its patch its own
   * way (FrameBatch) overrides this whole.
   */
  override broadcastPatch(): boolean {
    return hasJoinedClient(this) ? super.broadcastPatch() : dropUnjoinedPatch(this);
  }

  /** Graceful stop: let queued work finish (and save) before the clients are let go. */
  override async onBeforeShutdown(): Promise<void> {
    await this.guard.drained();
    super.onBeforeShutdown();
  }

  override onUncaughtException(error: Error, methodName: string): void {
    this.failed(error, methodName);
  }
}
