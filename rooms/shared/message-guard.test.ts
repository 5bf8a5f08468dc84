import { ServerError } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configuredRoom } from './configured-room';
import { parseJoinOptions } from './join-options';
import { KitRoom, type KitDeps } from './kit-room';
import { MessageGuard, type GuardSettings } from './message-guard';
import { parse } from './message-validator';
import type { RoomErrorMessage } from './room-error';

const settings: GuardSettings = { kind: 'test', budget: { burst: 3, perSecond: 1 }, capacity: 2, busyMessage: 'Busy; try again' };

function fixture(overrides: Partial<GuardSettings> = {}) {
  const room = { roomId: 'r1', clock: { currentTime: 0 } };
  const counted = { messages: 0, steps: [] as string[] };
  const failures: { error: unknown; where: string }[] = [];
  const guard = new MessageGuard(room, { ...settings, ...overrides }, {
    telemetry: { message: () => void counted.messages++, step: (_room, kind) => void counted.steps.push(kind) },
    failed: (error, where) => void failures.push({ error, where }),
  });
  const client = (sessionId: string) => {
    const sent: RoomErrorMessage[] = [];
    return { sessionId, sent, send: (type: string, message: unknown) => { expect(type).toBe('error'); sent.push(message as RoomErrorMessage); } };
  };
  return { room, guard, counted, failures, client };
}

const chooseSchema = z.object({ choiceId: z.string() }).strict();
const choose = (payload: unknown) => parse(chooseSchema, payload);

describe('MessageGuard', () => {
  it('runs accepted messages one at a time in arrival order and reports each step', async () => {
    const { guard, counted, client } = fixture({ budget: { burst: 10, perSecond: 1 } });
    const ann = client('ann');
    const log: string[] = [];
    const work = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
    };
    expect(guard.serial(ann, 'choose', choose({ choiceId: 'a' }), work('a', 20))).toBe(true);
    expect(guard.serial(ann, 'choose', choose({ choiceId: 'b' }), work('b', 1))).toBe(true);
    await guard.drained();
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(counted).toEqual({ messages: 2, steps: ['choose', 'choose'] });
    expect(ann.sent).toEqual([]);
  });

  it('does not report a job that resolved false (refused by the room\'s rules) as a step', async () => {
    const { guard, counted, client } = fixture();
    const ann = client('ann');
    guard.serial(ann, 'choose', choose({ choiceId: 'a' }), async () => false);
    guard.serial(ann, 'choose', choose({ choiceId: 'b' }), async () => undefined);
    await guard.drained();
    expect(counted).toEqual({ messages: 2, steps: ['choose'] });
  });

  it('refuses an invalid payload with INVALID_MESSAGE in the REST error shape, running nothing', async () => {
    const { guard, client } = fixture();
    const ann = client('ann');
    let ran = false;
    expect(guard.serial(ann, 'choose', choose({ choiceId: 42 }), async () => { ran = true; })).toBe(false);
    await guard.drained();
    expect(ran).toBe(false);
    expect(ann.sent).toEqual([{ error: { code: 'INVALID_MESSAGE', message: 'Invalid message: choiceId Expected string, received number', details: {}, request_id: 'r1-1' } }]);
  });

  it('holds each client to its own budget, refilled by the room clock', () => {
    const { room, guard, client } = fixture({ capacity: 100 });
    const [ann, bob] = [client('ann'), client('bob')];
    const send = (who: typeof ann) => guard.direct(who, choose({ choiceId: 'x' }), () => undefined);
    for (let i = 0; i < 4; i++) send(ann);
    send(bob);
    expect(ann.sent.map((m) => m.error.code)).toEqual(['RATE_LIMITED']);
    expect(bob.sent).toEqual([]);
    room.clock.currentTime = 1000; // one token back at 1 a second
    send(ann);
    send(ann);
    expect(ann.sent.map((m) => [m.error.code, m.error.request_id])).toEqual([['RATE_LIMITED', 'r1-1'], ['RATE_LIMITED', 'r1-2']]);
  });

  it('a forgotten client comes back with a full budget', () => {
    const { guard, client } = fixture();
    const ann = client('ann');
    for (let i = 0; i < 4; i++) guard.direct(ann, choose({ choiceId: 'x' }), () => undefined);
    guard.forget(ann);
    guard.direct(ann, choose({ choiceId: 'x' }), () => undefined);
    expect(ann.sent).toHaveLength(1);
  });

  it('refuses client messages beyond the mailbox capacity, but never the room\'s own work', async () => {
    const { guard, client } = fixture({ budget: { burst: 10, perSecond: 1 } });
    const ann = client('ann');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const ran: string[] = [];
    expect(guard.serial(ann, 'choose', choose({ choiceId: 'a' }), () => gate.then(() => void ran.push('a')))).toBe(true);
    expect(guard.serial(ann, 'choose', choose({ choiceId: 'b' }), async () => void ran.push('b'))).toBe(true);
    expect(guard.serial(ann, 'choose', choose({ choiceId: 'c' }), async () => void ran.push('c'))).toBe(false);
    const joined = guard.inMailbox(async () => { ran.push('join'); return 'seated'; });
    expect(ann.sent.map((m) => [m.error.code, m.error.message])).toEqual([['RATE_LIMITED', 'Busy; try again']]);
    release();
    expect(await joined).toBe('seated');
    expect(ran).toEqual(['a', 'b', 'join']);
  });

  it('hands the room\'s own work its error back, and sends a failing message job to `failed`', async () => {
    const { guard, failures, client } = fixture();
    const refusal = new ServerError(403, 'KICKED: the host removed you');
    await expect(guard.inMailbox(async () => { throw refusal; })).rejects.toBe(refusal);
    const boom = new Error('boom');
    guard.serial(client('ann'), 'choose', choose({ choiceId: 'a' }), async () => { throw boom; });
    let after = false;
    guard.serial(client('ann'), 'choose', choose({ choiceId: 'b' }), async () => { after = true; });
    await guard.drained();
    expect(failures).toEqual([{ error: boom, where: 'message' }]);
    expect(after).toBe(true); // the mailbox goes on after a failure
  });

  it('names the room kind when it refuses an unknown message', () => {
    const { guard, client } = fixture();
    const ann = client('ann');
    guard.refuseUnknown(ann, 'fly');
    expect(ann.sent[0]!.error).toMatchObject({ code: 'UNKNOWN_MESSAGE', message: 'The test room has no message "fly"' });
  });
});

describe('parseJoinOptions', () => {
  const schema = z.object({ storyId: z.string().regex(/^[a-z-]+$/, 'must be a story id') });

  it('answers the parsed options', () => {
    expect(parseJoinOptions(schema, { storyId: 'tide' })).toEqual({ storyId: 'tide' });
  });

  it('refuses bad options with a 400 INVALID_OPTIONS naming each field', () => {
    const refused = (raw: unknown) => { try { parseJoinOptions(schema, raw); } catch (error) { return error as ServerError; } throw new Error('accepted'); };
    expect(refused({ storyId: 'Bad Id!' })).toMatchObject({ code: 400, message: 'INVALID_OPTIONS: storyId must be a story id' });
    expect(refused('nonsense')).toMatchObject({ code: 400, message: 'INVALID_OPTIONS: (options) Expected object, received string' });
  });
});

describe('configuredRoom', () => {
  abstract class EchoRoom extends KitRoom<object> {
    protected readonly settings = { ...settings, failureMessage: 'oops' };
    usesDeps(): KitDeps { return this.deps; }
  }
  const deps: KitDeps = {
    auth: { verify: async (token) => { if (token !== 'good') throw new Error('bad token'); return { userId: 'u1' }; } },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
  const Configured = configuredRoom(EchoRoom, deps) as unknown as (new () => EchoRoom) & { onAuth(token?: string): Promise<unknown> };

  it('binds the services to every instance', () => {
    expect(new Configured().usesDeps()).toBe(deps);
  });

  it('lets in only a valid access token (401 otherwise)', async () => {
    await expect(Configured.onAuth('good')).resolves.toEqual({ userId: 'u1' });
    await expect(Configured.onAuth('forged')).rejects.toMatchObject({ code: 401, message: expect.stringMatching(/^INVALID_TOKEN/) });
    await expect(Configured.onAuth(undefined)).rejects.toMatchObject({ code: 401, message: expect.stringMatching(/^UNAUTHENTICATED/) });
  });
});

