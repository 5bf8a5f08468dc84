import { MessageBudget } from './message-budget';
import type { Parsed } from './message-validator';
import { ROOM_ERROR_MESSAGE, type Refusal, type RoomErrorMessage } from './room-error';
import type { RoomTelemetry } from './room-telemetry';
import { SerialQueue } from './serial-queue';

/** How a room kind guards its messages (see KitRoom). */
export interface GuardSettings {
  /** The room kind: the telemetry label and the name in "The story room has no message …". */
  kind: string;
  /** Per-client token bucket: `burst` messages at once, refilled at `perSecond`. */
  budget: { burst: number; perSecond: number };
  /** Client messages that may wait in the mailbox; more are refused RATE_LIMITED. */
  capacity: number;
  /** The RATE_LIMITED message when the mailbox is full ("Still working on your earlier messages"). */
  busyMessage: string;
}

/** The room the guard works for: its id (request ids) and its clock (budgets). */
export interface GuardedRoom {
  readonly roomId: string;
  readonly clock: { readonly currentTime: number };
}

/** What the guard needs of a client: to tell one from another and to answer it. */
export interface GuardedClient {
  readonly sessionId: string;
  send(type: string, message: unknown): void;
}

export interface GuardHooks {
  telemetry?: RoomTelemetry;
  /** A mailbox job threw: the room logs it and tells its clients. */
  failed(error: unknown, where: string): void;
}

/**
 * The guarded receive every room kind shares: counts each message, holds each client to its
 * budget, refuses invalid payloads, and runs accepted work one job at a time in a bounded
 * mailbox. Refusals carry the REST error shape with a per-room request id.
 */
export class MessageGuard {
  private readonly budgets = new Map<string, MessageBudget>();
  private readonly mailbox: SerialQueue;
  private refusals = 0;

  constructor(private readonly room: GuardedRoom, private readonly settings: GuardSettings, private readonly hooks: GuardHooks) {
    this.mailbox = new SerialQueue(settings.capacity, (error) => hooks.failed(error, 'message'));
  }

  /**
   * A message whose work must not interleave with other work of the room: queued in the mailbox.
   * True when accepted (the room may record it); false when it was refused. A job that resolves
   * `false` changed nothing (a rule refused it), so it is not reported as a step.
   */
  serial<T>(client: GuardedClient, type: string, message: Parsed<T>, work: (value: T) => Promise<void | false>): boolean {
    const value = this.admit(client, message);
    if (!value) return false;
    const arrived = performance.now();
    const accepted = this.mailbox.push(async () => {
      if ((await work(value.value)) === false) return;
      this.hooks.telemetry?.step(this.settings.kind, type, (performance.now() - arrived) / 1000);
    });
    if (!accepted) this.refuse(client, { code: 'RATE_LIMITED', message: this.settings.busyMessage });
    return accepted;
  }

  /** A message that needs no ordering with the room's other work (chat, presence): handled at once. */
  direct<T>(client: GuardedClient, message: Parsed<T>, handle: (value: T) => void): void {
    const value = this.admit(client, message);
    if (value) handle(value.value);
  }

  /** The room's own work (a join, a leave, a timer) through the same mailbox, never refused. */
  inMailbox<T>(job: () => Promise<T>): Promise<T> {
    return this.mailbox.run(job);
  }

  /** Sends a refusal in the REST error shape. */
  refuse(client: GuardedClient, refusal: Refusal): void {
    const payload: RoomErrorMessage = { error: { code: refusal.code, message: refusal.message, details: refusal.details ?? {}, request_id: `${this.room.roomId}-${++this.refusals}` } };
    client.send(ROOM_ERROR_MESSAGE, payload);
  }

  refuseUnknown(client: GuardedClient, type: unknown): void {
    this.refuse(client, { code: 'UNKNOWN_MESSAGE', message: `The ${this.settings.kind} room has no message "${String(type)}"` });
  }

  /** A client that is gone for good: its budget goes with it. */
  forget(client: GuardedClient): void {
    this.budgets.delete(client.sessionId);
  }

  /** Resolves once the work queued so far has finished (a graceful stop waits for it). */
  drained(): Promise<void> {
    return this.mailbox.drained();
  }

  private admit<T>(client: GuardedClient, message: Parsed<T>): { value: T } | null {
    this.hooks.telemetry?.message(this.settings.kind);
    if (!this.budgetOf(client).take(this.room.clock.currentTime)) {
      this.refuse(client, { code: 'RATE_LIMITED', message: 'Too many messages; slow down' });
      return null;
    }
    if (!message.ok) {
      this.refuse(client, { code: 'INVALID_MESSAGE', message: message.message });
      return null;
    }
    return { value: message.value };
  }

  private budgetOf(client: GuardedClient): MessageBudget {
    let budget = this.budgets.get(client.sessionId);
    if (!budget) {
      budget = new MessageBudget(this.settings.budget.burst, this.settings.budget.perSecond, this.room.clock.currentTime);
      this.budgets.set(client.sessionId, budget);
    }
    return budget;
  }
}
