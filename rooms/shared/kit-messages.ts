import type { Client } from '@colyseus/core';
import type { SafeParser } from './message-validator';

/** How a room kind receives one message type: its payload's schema and its handler (given the room), in the mailbox or at once. */
export interface KitMessage<R> {
  readonly schema: SafeParser<unknown>;
  readonly serial: boolean;
  readonly work: (room: R, client: Client, value: unknown) => Promise<void | false> | void;
}

/**
 * A room kind's messages by type: one table for the kind, shared by all its rooms. Handlers are
 * handed their room, so none closes over one — a table (or closures) per room would cost every
 * story session about 0.7 KiB (load-tests/RESULTS.md, session 27).
 */
export type KitMessages<R> = Readonly<Record<string, KitMessage<R>>>;

/**
 * A message whose work runs in the room's mailbox, one job at a time with the room's other work.
 * Work that resolves `false` was refused by the room's rules and is not reported as a step.
 */
export function serialMessage<R, T>(schema: SafeParser<T>, work: (room: R, client: Client, value: T) => Promise<void | false>): KitMessage<R> {
  return { schema, serial: true, work: work as KitMessage<R>['work'] };
}

/** A message handled at once, outside the mailbox (chat, presence). */
export function directMessage<R, T>(schema: SafeParser<T>, handle: (room: R, client: Client, value: T) => void): KitMessage<R> {
  return { schema, serial: false, work: handle as KitMessage<R>['work'] };
}

/** The kind's table, without a prototype: a client names the type, so "constructor" or "__proto__" must find nothing. */
export function kitMessages<R>(messages: Record<string, KitMessage<R>>): KitMessages<R> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, KitMessage<R>>, messages));
}
