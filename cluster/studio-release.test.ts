/**
 * A studio chapter released on one process is playable through the other, with no restart: a
 * two-process cluster (A: ROLE=all, which runs the catalog and so the release timer; B: ROLE=game),
 * a private redis-server, a scratch PostgreSQL database. The writer publishes through the studio's
 * routes on A with a release time a few seconds ahead; B learns of the release over Redis.
 */
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createScratchPostgres, postgresReachable, type ScratchPostgres } from '../server/database/scratch-postgres';
import { sampleChapter } from '../server/studio/studio-test-kit';
import { itWhenReachable } from '../testing/services';
import { call, eventually, PrivateRedis, redisHash, redisServerInstalled, StoryVerseProcess } from './testing/cluster-harness';

const JWT_SECRET = 'studio-release-cluster-secret-0123456789abcdef';
const up = redisServerInstalled() && (await postgresReachable());
const it = itWhenReachable(up, 'PostgreSQL (TEST_DATABASE_URL) and a redis-server binary');

describe.runIf(up)('a studio release across a two-process cluster', () => {
  let redis: PrivateRedis;
  let scratch: ScratchPostgres;
  let a: StoryVerseProcess;
  let b: StoryVerseProcess;
  const rooms: Room[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    scratch = await createScratchPostgres();
    const env = { REDIS_URL: redis.url, DATABASE_URL: scratch.url, JWT_SECRET };
    a = await StoryVerseProcess.start({ name: 'A', role: 'all', env });
    b = await StoryVerseProcess.start({ name: 'B', role: 'game', env });
  }, 120_000);

  afterAll(async () => {
    for (const room of rooms) room.connection?.close();
    await Promise.all([a?.dispose(), b?.dispose()]);
    await redis?.down();
    await scratch?.drop();
  }, 60_000);

  async function register(name: string): Promise<{ token: string; userId: string }> {
    const response = await call(a.url, 'POST', '/v1/auth/register', { body: { email: `${name}-${Date.now()}@example.com`, password: 'correct horse battery staple' } });
    if (response.status !== 201) throw new Error(`register failed: ${JSON.stringify(response.json)}`);
    return { token: response.json.accessToken, userId: response.json.user.id };
  }

  /** A story session matched through B's matchmaker; `host` is the process it landed on. */
  async function openOnCluster(token: string, options: object): Promise<{ room: Room; host: string; processId: string } | { refused: string }> {
    const response = await fetch(`${b.url}/matchmake/create/story`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(options),
    });
    const reservation = await response.json();
    if (!reservation.room) return { refused: String(reservation.error ?? JSON.stringify(reservation)) };
    const client = new Client(b.url);
    client.auth.token = token;
    const room = await client.consumeSeatReservation(reservation);
    rooms.push(room);
    await eventually('the first scene', async () => (room.state as { sceneId?: string }).sceneId, 10_000, 20);
    return { room, host: reservation.room.publicAddress, processId: reservation.room.processId };
  }

  it('lists and plays a chapter on the game process once the catalog process released it, with no restart', async () => {
    const writer = await register('writer');
    const reader = await register('reader');
    const storyId = 'tide-clock';
    const chapterId = 'tide-clock-ch1';
    const studio = (method: string, path: string, body: unknown) => call(a.url, method, `/v1/studio/stories${path}`, { body, token: writer.token });
    expect((await studio('POST', '', { id: storyId, title: 'The Tide Clock', description: 'A clock that keeps the sea.', genre: 'mystery' })).status).toBe(201);
    expect((await studio('PUT', `/${storyId}/chapters/${chapterId}`, sampleChapter())).status).toBe(200);
    const published = await studio('POST', `/${storyId}/chapters/${chapterId}/publish`, { releaseAt: new Date(Date.now() + 3000).toISOString() });
    expect(published.json.chapter).toMatchObject({ state: 'scheduled', version: 1 });
    const version = published.json.chapter as { sha256: string };

    // A hosts one room and B none, so the matchmaker creates the next story sessions on B.
    const shipped = (await call(a.url, 'GET', '/v1/stories')).json.items[0].id as string;
    let bProcessId = '';
    for (let i = 0; i < 6; i++) {
      const placed = await openOnCluster(reader.token, { storyId: shipped });
      if (!('room' in placed)) throw new Error(`a shipped story refused: ${placed.refused}`);
      if (placed.host === `127.0.0.1:${a.port}`) break;
      bProcessId = placed.processId;
      await placed.room.leave();
    }
    if (bProcessId) await eventually('B to host no room', async () => redisHash(redis.port, 'roomcount')[bProcessId]?.startsWith('0,'), 10_000, 50);

    // Before: nowhere to be seen; B answers STORY_NOT_FOUND and keeps that answer in its story layouts (10 s).
    expect((await call(a.url, 'GET', `/v1/stories/${storyId}`)).status).toBe(404);
    expect(await openOnCluster(reader.token, { storyId })).toMatchObject({ refused: expect.stringMatching(/STORY_NOT_FOUND/) });

    const listed = await eventually('the release on A', async () => {
      const detail = await call(a.url, 'GET', `/v1/stories/${storyId}`);
      return detail.status === 200 && detail.json;
    }, 15_000, 100);
    expect(listed.chapters.map((c: { id: string; sha256: string }) => [c.id, c.sha256])).toEqual([[chapterId, version.sha256]]);

    // Played on B at once, well within its layouts' 10 s: B was told of the release through Redis.
    const session = await openOnCluster(reader.token, { storyId, chapterId });
    if (!('room' in session)) throw new Error(`refused after the release: ${session.refused}`);
    expect(session.host).toBe(`127.0.0.1:${b.port}`);
    expect(session.room.state).toMatchObject({ storyId, chapterId, sceneId: 'opening' });
    session.room.send('advance', {});
    await eventually('the next scene on B', async () => (session.room.state as { sceneId: string }).sceneId === 'crossroads', 10_000, 20);
  }, 60_000);
});
