/**
 * Scale-out and faults on a real two-process cluster: Redis presence + driver (a private
 * redis-server), PostgreSQL (a scratch database behind a proxy the test can cut), two StoryVerse
 * processes started like PM2 starts them. One process runs ROLE=all (it publishes the catalog and
 * serves REST), the other ROLE=game. Tests run in order and share the cluster.
 */
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createScratchPostgres, postgresReachable, POSTGRES_ADMIN_URL, type ScratchPostgres } from '../server/database/scratch-postgres';
import { itWhenReachable } from '../testing/services';
import { call, eventually, PgProxy, PrivateRedis, redisCommand, redisHash, redisServerInstalled, sleep, StoryVerseProcess } from './testing/cluster-harness';

const JWT_SECRET = 'cluster-test-secret-cluster-test-secret-0123456789';
const up = redisServerInstalled() && (await postgresReachable());
const it = itWhenReachable(up, 'PostgreSQL (TEST_DATABASE_URL) and a redis-server binary');

interface Session {
  room: Room;
  /** host:port of the process hosting the room (its publicAddress). */
  host: string;
  processId: string;
}

interface StoryStateView {
  sceneId: string;
  keys: number;
  diamonds: number;
}

describe.runIf(up)('a two-process cluster', () => {
  let redis: PrivateRedis;
  let proxy: PgProxy;
  let scratch: ScratchPostgres;
  let a: StoryVerseProcess;
  let b: StoryVerseProcess;
  let storyId: string;
  let token: string;
  const open: Room[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    scratch = await createScratchPostgres();
    proxy = await PgProxy.start(POSTGRES_ADMIN_URL);
    const env = { REDIS_URL: redis.url, DATABASE_URL: proxy.urlFor(scratch.url), JWT_SECRET };
    // One after the other: the first publishes the catalog (and runs the migrations) alone.
    a = await StoryVerseProcess.start({ name: 'A', role: 'all', env });
    b = await StoryVerseProcess.start({ name: 'B', role: 'game', env });
    const stories = await call(a.url, 'GET', '/v1/stories');
    storyId = stories.json.items[0].id;
    token = await guestToken();
  }, 120_000);

  afterAll(async () => {
    for (const room of open) room.connection?.close();
    await Promise.all([a?.dispose(), b?.dispose()]);
    await redis?.down();
    await proxy?.cut();
    await scratch?.drop();
  }, 60_000);

  /** A new guest's access token (a refusal, e.g. the guest rate limit, fails loudly here). */
  async function guestToken(): Promise<string> {
    const answer = await call(a.url, 'POST', '/v1/auth/guest');
    if (answer.status !== 201) throw new Error(`guest sign-in failed: ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer.json.accessToken as string;
  }

  /** A story session matched through `via`'s matchmaker, wherever it lands (a new player unless given). */
  async function openSession(via: StoryVerseProcess, player?: string): Promise<Session> {
    const userToken = player ?? (await guestToken());
    const response = await fetch(`${via.url}/matchmake/create/story`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${userToken}` },
      body: JSON.stringify({ storyId }),
    });
    const reservation = await response.json();
    if (!reservation.room) throw new Error(`matchmaking failed: ${JSON.stringify(reservation)}`);
    const client = new Client(via.url);
    client.auth.token = userToken;
    const room = await client.consumeSeatReservation(reservation);
    open.push(room);
    await eventually('the first scene', async () => state(room).sceneId, 10_000, 20);
    return { room, host: reservation.room.publicAddress, processId: reservation.room.processId };
  }

  /** Opens sessions until one lands on `host` (placement goes to the least-loaded process). */
  async function sessionOn(host: StoryVerseProcess, open: () => Promise<Session>): Promise<Session> {
    for (let tries = 0; tries < 20; tries++) {
      const session = await open();
      if (session.host === hostOf(host)) return session;
    }
    throw new Error(`20 sessions, none placed on ${hostOf(host)}: process list ${JSON.stringify(redisHash(redis.port, 'roomcount'))}, IPC channels ${redisCommand(redis.port, 'pubsub', 'channels', 'p:*').trim()}`);
  }

  const state = (room: Room) => room.state as StoryStateView;
  const hostOf = (p: StoryVerseProcess) => `127.0.0.1:${p.port}`;
  const listings = () => Object.values(redisHash(redis.port, 'roomcaches')).map((json) => JSON.parse(json) as { roomId: string; processId: string });
  const processIds = () => Object.keys(redisHash(redis.port, 'roomcount'));

  async function advance(room: Room): Promise<string> {
    const before = state(room).sceneId;
    room.send('advance', {});
    return eventually('the next scene', async () => state(room).sceneId !== before && state(room).sceneId, 10_000, 20);
  }

  it('matches a player through either process onto the process that hosts the room', async () => {
    const sessions = [await openSession(a), await openSession(a), await openSession(b), await openSession(b)];
    const hosts = new Set(sessions.map((s) => s.host));
    // Rooms go to the least-loaded live process, whichever process did the matching.
    expect(hosts).toEqual(new Set([hostOf(a), hostOf(b)]));
    const crossed = sessions.find((s, i) => s.host !== hostOf(i < 2 ? a : b));
    expect(crossed).toBeDefined();
    // The room answers on its own process: play a step there.
    expect(await advance(crossed!.room)).toBeTruthy();
    for (const s of sessions) expect(listings().some((l) => l.roomId === s.room.roomId)).toBe(true);
  }, 60_000);

  it('resumes the saved scene through the matchmaker after kill -9 of the hosting process, wallet unchanged', async () => {
    const player = await guestToken();
    const session = await sessionOn(b, () => openSession(a, player));
    const saved = await advance(session.room);
    const walletBefore = (await call(a.url, 'GET', '/v1/inventory', { token: player })).json;
    const bProcessId = session.processId;

    await b.kill();

    // Its rooms leave the listings, and the dead process leaves the process list (sweep + health check).
    await eventually('the dead process to leave the listings', async () => !listings().some((l) => l.processId === bProcessId) && !processIds().includes(bProcessId), 20_000);
    const resumed = await openSession(a, player);
    expect(resumed.host).toBe(hostOf(a));
    expect(state(resumed.room).sceneId).toBe(saved);
    expect({ keys: state(resumed.room).keys, diamonds: state(resumed.room).diamonds }).toEqual({ keys: walletBefore.keys, diamonds: walletBefore.diamonds });
    expect((await call(a.url, 'GET', '/v1/inventory', { token: player })).json).toMatchObject({ keys: walletBefore.keys, diamonds: walletBefore.diamonds });

    await b.up();
    await eventually('B back in the process list', async () => processIds().length === 2, 20_000);
  }, 120_000);

  it('puts back the listings of a process that missed a health check (colyseus#968)', async () => {
    const session = await sessionOn(b, () => openSession(a));
    const roomId = session.room.roomId;

    // B stalls and misses a health check: Colyseus (MatchMaker.healthCheckProcessId) then drops B
    // from the process list and RedisDriver.cleanup deletes B's listings, while B's rooms run on.
    // That is what happens here, done directly so that the test does not depend on timing.
    b.pause();
    redisCommand(redis.port, 'hdel', 'roomcount', session.processId);
    redisCommand(redis.port, 'hdel', 'roomcaches', ...listings().filter((l) => l.processId === session.processId).map((l) => l.roomId));
    expect(listings().some((l) => l.roomId === roomId)).toBe(false);
    await sleep(1500);
    b.resume();

    await eventually('B to republish its listing', async () => listings().some((l) => l.roomId === roomId) && processIds().includes(session.processId), 15_000);
    // The room never went away: it still plays.
    expect(await advance(session.room)).toBeTruthy();
  }, 60_000);

  it('recovers matchmaking after a Redis restart (empty Redis: listings and processes republished)', async () => {
    const survivor = await openSession(a);
    await redis.restart(1500);
    expect(listings()).toEqual([]);

    await eventually('both processes back in the process list', async () => processIds().length === 2, 20_000);
    await eventually('the open room listed again', async () => listings().some((l) => l.roomId === survivor.room.roomId), 20_000);
    const viaA = await eventually('matchmaking through A', () => openSession(a), 20_000, 500);
    const viaB = await eventually('matchmaking through B', () => openSession(b), 20_000, 500);
    expect(await advance(viaA.room)).toBeTruthy();
    expect(await advance(viaB.room)).toBeTruthy();
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/storyverse_redis_up\{connection="presence_sub"[^}]*\} 1/);
    expect(metrics).toMatch(/storyverse_db_pool_connections\{state="used"[^}]*\} \d+/);
    expect(metrics).toMatch(/storyverse_rooms\{[^}]*room="story"[^}]*\} [1-9]/);
  }, 90_000);

  it('fails requests cleanly while PostgreSQL restarts (503, error shape, nothing written) and recovers without a restart', async () => {
    const session = await openSession(b);
    const sceneBefore = state(session.room).sceneId;
    const errors: unknown[] = [];
    session.room.onMessage('error', (message) => errors.push(message));

    // A registration in flight when the database goes away: it fails cleanly and writes nothing.
    proxy.freeze();
    const inFlightEmail = `inflight-${Date.now()}@example.com`;
    const inFlight = call(a.url, 'POST', '/v1/auth/register', { body: { email: inFlightEmail, password: 'correct horse battery staple' } });
    await sleep(700);
    await proxy.cut();
    const failed = await inFlight;
    expect(failed.status).toBe(503);
    expect(failed.json.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', request_id: expect.any(String) });

    const email = `cut-${Date.now()}@example.com`;
    const register = await call(a.url, 'POST', '/v1/auth/register', { body: { email, password: 'correct horse battery staple' } });
    expect(register.status).toBe(503);
    expect(register.json.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.any(String), request_id: expect.any(String) });
    const inventory = await call(a.url, 'GET', '/v1/inventory', { token });
    expect(inventory.status).toBe(503);
    expect((await call(a.url, 'GET', '/healthz')).status).toBe(503);
    // A step in a room: refused, the state stays where it was.
    session.room.send('advance', {});
    await eventually('the room to refuse the step', async () => errors.length > 0, 15_000);
    expect(state(session.room).sceneId).toBe(sceneBefore);

    await sleep(1000);
    await proxy.restore();

    await eventually('REST to recover', async () => (await call(a.url, 'GET', '/v1/inventory', { token })).status === 200, 20_000, 250);
    // Nothing of the failed registrations was written: both emails are free.
    expect((await call(a.url, 'POST', '/v1/auth/login', { body: { email: inFlightEmail, password: 'correct horse battery staple' } })).status).toBe(401);
    expect((await call(a.url, 'POST', '/v1/auth/register', { body: { email: inFlightEmail, password: 'correct horse battery staple' } })).status).toBe(201);
    expect((await call(a.url, 'POST', '/v1/auth/login', { body: { email, password: 'correct horse battery staple' } })).status).toBe(401);
    expect((await call(a.url, 'POST', '/v1/auth/register', { body: { email, password: 'correct horse battery staple' } })).status).toBe(201);
    // The same room plays on once the database is back.
    await eventually('the room to play again', async () => {
      const before = state(session.room).sceneId;
      session.room.send('advance', {});
      await sleep(300);
      return state(session.room).sceneId !== before;
    }, 20_000, 500);
  }, 90_000);

  it('stops gracefully on SIGTERM: exit 0 within the bound, its rooms and itself leave the listings', async () => {
    const onB = await eventually('a room on B', async () => {
      const s = await openSession(a);
      return s.host === hostOf(b) ? s : null;
    }, 20_000, 100);
    const saved = await advance(onB.room);
    const started = Date.now();
    expect(await b.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(listings().some((l) => l.processId === onB.processId)).toBe(false);
    expect(processIds()).not.toContain(onB.processId);
    // New rooms go to the process that is left, at once, and the player is where they were.
    const next = await openSession(a);
    expect(next.host).toBe(hostOf(a));
    expect(saved).toBeTruthy();
  }, 60_000);
});

// The loud skip (or failure under REQUIRE_SERVICES=1) when the services are missing.
if (!up) describe('a two-process cluster', () => it('needs PostgreSQL and redis-server', () => undefined));
