/**
 * Bad room input never breaks a room: every message kind of the `story` and `campaign` rooms, and
 * their create/join options, driven with generated payloads over a real colyseus.js client against
 * the real composition on both engines. A bad message is refused with an `error` message in the
 * REST error shape (or ignored), the client stays connected and the room keeps answering; bad
 * options are refused with a 4xx-style code and a `CODE: words` message.
 *
 * Replay or widen a run: FUZZ_SEED=<seed printed on failure> FUZZ_RUNS=500 npx vitest run testing/fuzz
 */
import { Client, type Room } from 'colyseus.js';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CAMPAIGN_ROOM } from '../../rooms/campaign/protocol';
import { STORY_ROOM } from '../../rooms/story/protocol';
import { describeEachEngine } from '../test-database';
import { startTestServer, type TestServer } from '../test-server';
import { FUZZ_RUNS, fuzzOptions, mutatedBody, nastyString, oddJson, pathSegment } from './arbitraries';

interface RoomError {
  code: string;
  message: string;
  details: Record<string, unknown>;
  request_id: string;
}

/** A joined room with what it sent back. */
interface Seat {
  room: Room;
  /** What this seat sent, for the failure report (a refusal may answer an earlier message). */
  sent: string[];
  errors: RoomError[];
  chat: { text: string }[];
  left: boolean;
}

// A room lets a client send 20 messages at once (then 10 a second): a fresh seat every few cases
// keeps the fuzzed messages from being refused as RATE_LIMITED before they are even looked at.
const CASES_PER_SEAT = 8;

/** A refusal in the REST error shape, and never INTERNAL: that is the room's 500. */
function expectErrorShape(error: unknown, context: string): void {
  expect(error, context).toEqual({ code: expect.stringMatching(/^[A-Z][A-Z0-9_]*$/), message: expect.any(String), details: expect.any(Object), request_id: expect.any(String) });
  expect((error as RoomError).code, context).not.toBe('INTERNAL');
}

/** What a refused create or join must look like: a 4xx-style code and a `CODE: words` message. */
function expectCleanRefusal(error: unknown, context: string): void {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = `${context} → ${String(code)} ${String(message)}`;
  // 4212: Colyseus' own "no room with that id" for a join by a code that names no room.
  if (code === 4212) return;
  expect(typeof code === 'number' && code >= 400 && code < 500, text).toBe(true);
  expect(message, text).toMatch(/^[A-Z][A-Z0-9_]*: /);
}

async function until(predicate: () => boolean, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return predicate();
}

/** Leaves a room; a dropped seat's leave() never settles, so give it a moment and move on. */
const leave = (seat: Seat | null) => Promise.race([seat?.room.leave().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 300))]);

function wire(room: Room): Seat {
  const seat: Seat = { room, sent: [], errors: [], chat: [], left: false };
  room.onMessage('error', (message: { error: RoomError }) => seat.errors.push(message.error));
  room.onMessage('chat', (message: { text: string }) => seat.chat.push(message));
  room.onMessage('*', () => undefined);
  room.onLeave(() => (seat.left = true));
  return seat;
}

/** A message type: one the room knows, one it does not, or not even a string. */
/**
 * Messages under the transports' frame limit (ws: 4 KiB): a bigger frame closes the connection
 * before any room sees it, which the oversized-message test covers on its own.
 */
const underFrameLimit = ([, payload]: [unknown, unknown]) => (JSON.stringify(payload) ?? '').length < 3_000;

const messageType = (known: string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: nastyString }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 300 }) });

describeEachEngine('fuzz: room messages', (engine) => {
  let server: TestServer;
  let token: string;
  let storyId: string;
  let chapterId: string;

  const client = (accessToken = token) => {
    const c = new Client(`ws://127.0.0.1:${server.port}`);
    c.auth.token = accessToken;
    return c;
  };
  const inventory = async () => JSON.stringify((await server.call('GET', '/v1/inventory', { token })).json);

  beforeAll(async () => {
    server = await startTestServer(engine, { AUTH_RATE_LIMIT_PER_MINUTE: '100000', GUEST_RATE_LIMIT_PER_MINUTE: '1000000' });
    token = (await server.call('POST', '/v1/auth/guest')).json.accessToken;
    storyId = (await server.call('GET', '/v1/stories?limit=1')).json.items[0].id;
    chapterId = (await server.call('GET', `/v1/stories/${storyId}`)).json.chapters[0].id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('story: every message kind with generated payloads is refused in the error shape or ignored; the room keeps answering and nothing is spent', async () => {
    let seat: Seat | null = null;
    let cases = 0;
    const open = async () => {
      await leave(seat);
      seat = wire(await client().create(STORY_ROOM, { storyId, chapterId }));
      await until(() => Boolean(seat?.room.state.sceneId));
      return seat;
    };
    const first = await open();
    const scene = () => `${first.room.state.chapterId}/${first.room.state.sceneId}`;
    const where = scene();
    const before = await inventory();
    const validChoices = new Set<string>();
    first.room.state.choices?.forEach((choice: { id: string }) => validChoices.add(choice.id));

    const message = fc.oneof(
      fc.tuple(fc.constant('advance'), mutatedBody(fc.constant({}))),
      fc.tuple(fc.constant('choose'), mutatedBody(fc.record({ choiceId: fc.constantFrom(...validChoices, 'a') }))),
      fc.tuple(messageType(['advance', 'choose']), fc.oneof(oddJson, fc.uint8Array({ maxLength: 64 }))),
    )
      .filter(underFrameLimit)
      // A bare advance (no payload means `{}`) or an offered choice is a valid move, not a fuzz.
      .filter(([type, payload]) => !(type === 'advance' && (payload === null || payload === undefined || isEmptyObject(payload))))
      .filter(([type, payload]) => {
        const choiceId = (payload as { choiceId?: unknown } | null)?.choiceId;
        return !(type === 'choose' && typeof choiceId === 'string' && validChoices.has(choiceId));
      });
    await fc.assert(
      fc.asyncProperty(message, async ([type, payload]) => {
        const current: Seat = cases++ % CASES_PER_SEAT === 0 ? await open() : seat!;
        current.sent.push(JSON.stringify({ type, payload }).slice(0, 200));
        const context = `this seat sent: ${current.sent.join(', ')}`;
        const errors = current.errors.length;
        current.room.send(type as string, payload);
        // The probe: a well-formed choose of a choice that does not exist is always refused.
        current.room.send('choose', { choiceId: 'fuzz-probe' });
        expect(await until(() => current.errors.some((e, i) => i >= errors && e.message.includes('fuzz-probe')) || current.errors.length >= errors + 2), `no answer after ${context}`).toBe(true);
        expect(current.left, `disconnected by ${context}`).toBe(false);
        // Every refusal so far: one that follows narration can land after the probe's answer.
        for (const error of current.errors) expectErrorShape(error, context);
      }),
      fuzzOptions(),
    );
    const last = await open();
    expect(`${last.room.state.chapterId}/${last.room.state.sceneId}`).toBe(where);
    expect(await inventory()).toBe(before);
    await last.room.leave();
  });

  it('story: generated create options are refused with a clean code, or open the story', async () => {
    const options = mutatedBody(fc.record({ storyId: fc.constant(storyId), chapterId: fc.constant(chapterId), preview: fc.boolean() }, { requiredKeys: ['storyId'] }));
    await fc.assert(
      fc.asyncProperty(options, async (payload) => {
        const context = JSON.stringify(payload).slice(0, 300);
        try {
          const room = await client().create(STORY_ROOM, payload as object);
          await room.leave();
        } catch (error) {
          expectCleanRefusal(error, context);
        }
      }),
      fuzzOptions(),
    );
  });

  it('campaign: every message kind with generated payloads is refused in the error shape or ignored; the room keeps answering', async () => {
    const guest = (await server.call('POST', '/v1/auth/guest')).json.accessToken as string;
    let seat: Seat | null = null;
    let other: Seat | null = null;
    let cases = 0;
    const open = async () => {
      await leave(seat);
      await leave(other);
      seat = wire(await client().create(CAMPAIGN_ROOM, { worldId: 'the-glass-orchard', mode: 'turns', seats: 3 }));
      await until(() => seat?.room.state.code === seat?.room.roomId);
      other = wire(await client(guest).joinById(seat.room.roomId, { name: 'Other' }));
      // Out of the lobby, so actions and votes reach the rules (and the journal) behind validation.
      seat.room.send('start', {});
      await until(() => seat?.room.state.phase === 'acting', 5000);
      return seat;
    };
    const seatIds = () => [seat?.room.sessionId ?? '', other?.room.sessionId ?? ''];
    const kinds = ['start', 'action', 'vote', 'kick', 'handover', 'chat', 'typing', 'ready'];
    const valid: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
      start: fc.constant({}),
      action: fc.record({ text: fc.constant('I open the gate') }),
      vote: fc.record({ choiceId: fc.constant('c1') }),
      kick: fc.record({ sessionId: fc.constant('someone') }),
      handover: fc.record({ sessionId: fc.constant('someone') }),
      chat: fc.record({ text: fc.constant('hello') }),
      typing: fc.record({ typing: fc.boolean() }),
      ready: fc.record({ ready: fc.boolean() }),
    };
    const message = fc.oneof(
      fc.constantFrom(...kinds).chain((kind) => fc.tuple(fc.constant(kind), mutatedBody(valid[kind]!))),
      fc.tuple(messageType(kinds), fc.oneof(oddJson, fc.uint8Array({ maxLength: 64 }))),
    ).filter(underFrameLimit);
    await fc.assert(
      fc.asyncProperty(message, async ([type, payload]) => {
        const current: Seat = cases++ % CASES_PER_SEAT === 0 ? await open() : seat!;
        // Kicking or handing over to a real seat is a valid command, not a fuzz.
        const target = (payload as { sessionId?: unknown } | null)?.sessionId;
        fc.pre(!((type === 'kick' || type === 'handover') && seatIds().includes(String(target))));
        current.sent.push(JSON.stringify({ type, payload }).slice(0, 200));
        const context = `this seat sent: ${current.sent.join(', ')}`;
        const errors = current.errors.length;
        current.room.send(type as string, payload);
        // The probe: a chat line comes back to its sender.
        const probe = `probe ${cases}`;
        current.room.send('chat', { text: probe });
        expect(await until(() => current.chat.some((c) => c.text === probe) || current.errors.length > errors + 1), `no answer after ${context}`).toBe(true);
        expect(current.left, `disconnected by ${context}`).toBe(false);
        // Every refusal so far: one that follows narration can land after the probe's answer.
        for (const error of current.errors) expectErrorShape(error, context);
      }),
      // Twice the runs: nine kinds, and a campaign's later phases are only reached a few cases into a seat.
      fuzzOptions(2 * FUZZ_RUNS),
    );
    await seat!.room.leave();
    await other!.room.leave();
  });

  it('campaign: generated create and join options are refused with a clean code, or open the campaign', async () => {
    const world = { worldId: fc.constant('the-glass-orchard'), mode: fc.constantFrom('turns', 'vote') };
    const createOptions = fc.oneof(
      mutatedBody(fc.record({ ...world, name: fc.constant('Host') })),
      mutatedBody(fc.record({ ...world, seed: fc.nat(1000), seats: fc.integer({ min: 2, max: 6 }) })),
      mutatedBody(fc.record({ resume: fc.constant('ABCD1234') })),
      mutatedBody(fc.record({ fork: fc.constant({ code: 'ABCD1234', atBeat: 0 }) })),
    );
    const host = wire(await client().create(CAMPAIGN_ROOM, { worldId: 'the-glass-orchard', mode: 'vote', seats: 6 }));
    const code = host.room.roomId;
    await fc.assert(
      fc.asyncProperty(createOptions, mutatedBody(fc.record({ name: fc.constant('Guest') })), fc.oneof(fc.constant(code), fc.constant(code.toLowerCase()), fc.constant('ABCD1234'), pathSegment), async (create, join, joinCode) => {
        const context = JSON.stringify({ create, join, joinCode }).slice(0, 300);
        try {
          await (await client().create(CAMPAIGN_ROOM, create as object)).leave();
        } catch (error) {
          expectCleanRefusal(error, `create ${context}`);
        }
        const joiner = (await server.call('POST', '/v1/auth/guest')).json.accessToken as string;
        try {
          await (await client(joiner).joinById(joinCode, join as object)).leave();
        } catch (error) {
          expectCleanRefusal(error, `join ${context}`);
        }
      }),
      fuzzOptions(),
    );
    await host.room.leave();
  });

  it('an oversized message closes only its own connection; the room kind and the server keep serving', async () => {
    const seat = wire(await client().create(STORY_ROOM, { storyId }));
    seat.room.send('choose', { choiceId: 'x'.repeat(70_000) });
    expect(await until(() => seat.left || seat.errors.length > 0, 5000)).toBe(true);
    await leave(seat);
    const again = wire(await client().create(STORY_ROOM, { storyId }));
    again.room.send('choose', { choiceId: 'fuzz-probe' });
    expect(await until(() => again.errors.length > 0)).toBe(true);
    await again.room.leave();
  });

  it('is still alive and serving', async () => {
    expect((await server.call('GET', '/healthz')).status).toBe(200);
    const room = await client().create(STORY_ROOM, { storyId });
    expect(room.roomId).toBeTruthy();
    await room.leave();
  });
});

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}
