import type { Client } from '@colyseus/core';
import type { Parsed } from '../shared/message-validator';
import { SerialQueue } from '../shared/serial-queue';
import { CampaignMessage, type CampaignErrorMessage } from './protocol';
import type { CommandRefusal } from './rules/commands';

export interface InboxDeps {
  roomId(): string;
  /** Takes one message from the client's budget; false when it is spent. */
  takeMessage(client: Client): boolean;
  /** Every client message, accepted or refused (telemetry). */
  counted(): void;
  /** A queued job failed: log it and tell the players. */
  failed(error: unknown, where: string): void;
}

/** Client messages that may wait in the mailbox at once; more are refused (RATE_LIMITED). */
const MAX_WAITING_MESSAGES = 16;

/**
 * The campaign room's guarded receive: every client message is counted, held to the client's
 * budget and validated; game messages then wait their turn in one serial mailbox (at most
 * MAX_WAITING_MESSAGES of them), which the room's own work (joins, leaves, timers, finished beats)
 * shares without a bound. Refusals go out as the `error` message in the REST error shape.
 */
export class CampaignInbox {
  private readonly mailbox: SerialQueue;
  private waitingMessages = 0;
  private refusals = 0;

  constructor(private readonly deps: InboxDeps) {
    // Jobs hand their errors to their callers (see run); the queue's handler is a last resort.
    this.mailbox = new SerialQueue(Number.POSITIVE_INFINITY, (error) => deps.failed(error, 'mailbox'));
  }

  /** A game message: handled in the mailbox, in arrival order. */
  queue<T>(client: Client, message: Parsed<T>, handle: (value: T) => Promise<void>): void {
    const admitted = this.admit(client, message);
    if (admitted === undefined) return;
    if (this.waitingMessages >= MAX_WAITING_MESSAGES) return this.refuse(client, { code: 'RATE_LIMITED', message: 'The table is busy; try again in a moment' });
    this.waitingMessages++;
    this.run(() => handle(admitted.value))
      .catch((error: unknown) => this.deps.failed(error, 'message'))
      .finally(() => this.waitingMessages--);
  }

  /** Chat and presence need no ordering with the game: handled at once. */
  direct<T>(client: Client, message: Parsed<T>, handle: (value: T) => void): void {
    const admitted = this.admit(client, message);
    if (admitted !== undefined) handle(admitted.value);
  }

  /** Runs `job` in the mailbox after everything queued before it; never refused. */
  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => void this.mailbox.push(() => job().then(resolve, reject)));
  }

  /** Runs `job` in the mailbox for someone who does not wait for it: a failure goes to `failed(where)`. */
  post(job: () => Promise<void>, where: string): void {
    this.run(job).catch((error: unknown) => this.deps.failed(error, where));
  }

  /** Resolves once everything queued so far has run. */
  drained(): Promise<void> {
    return this.mailbox.drained();
  }

  refuse(client: Client, refusal: CommandRefusal): void {
    const payload: CampaignErrorMessage = { error: { code: refusal.code, message: refusal.message, details: refusal.details ?? {}, request_id: `${this.deps.roomId()}-${++this.refusals}` } };
    client.send(CampaignMessage.error, payload);
  }

  /** The message's value (boxed: it may itself be undefined), or undefined once refused. */
  private admit<T>(client: Client, message: Parsed<T>): { value: T } | undefined {
    this.deps.counted();
    if (!this.deps.takeMessage(client)) return void this.refuse(client, { code: 'RATE_LIMITED', message: 'Too many messages; slow down' });
    if (!message.ok) return void this.refuse(client, { code: 'INVALID_MESSAGE', message: message.message });
    return { value: message.value };
  }
}
