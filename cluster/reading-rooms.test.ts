/**
 * Readers of one chapter on two processes (A: ROLE=all, B: ROLE=game; a private redis-server, a
 * scratch PostgreSQL database) see the same reader count, reactions and comments. Rooms hold one
 * reader each (READING_ROOM_SIZE=1), so every reader opens a room and the matchmaker spreads them.
 */
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ReadingCommentMessage } from '../rooms/reading/protocol';
import { createScratchPostgres, postgresReachable, type ScratchPostgres } from '../server/database/scratch-postgres';
import { itWhenReachable } from '../testing/services';
import { call, eventually, PrivateRedis, redisServerInstalled, StoryVerseProcess } from './testing/cluster-harness';

const JWT_SECRET = 'reading-rooms-cluster-secret-0123456789abcdef';
const up = redisServerInstalled() && (await postgresReachable());
const it = itWhenReachable(up, 'PostgreSQL (TEST_DATABASE_URL) and a redis-server binary');

interface ClusterReader { room: Room; host: string; comments: ReadingCommentMessage[] }

describe.runIf(up)('reading rooms across a two-process cluster', () => {
  let redis: PrivateRedis;
  let scratch: ScratchPostgres;
  let a: StoryVerseProcess;
  let b: StoryVerseProcess;
  const rooms: Room[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    scratch = await createScratchPostgres();
    const env = { REDIS_URL: redis.url, DATABASE_URL: scratch.url, JWT_SECRET, READING_ROOM_SIZE: '1' };
    a = await StoryVerseProcess.start({ name: 'A', role: 'all', env });
    b = await StoryVerseProcess.start({ name: 'B', role: 'game', env });
  }, 120_000);

  afterAll(async () => {
    for (const room of rooms) room.connection?.close();
    await Promise.all([a?.dispose(), b?.dispose()]);
    await redis?.down();
    await scratch?.drop();
  }, 60_000);

  /** A seat through B's matchmaker; the reservation names the process the room is on. */
  async function seat(token: string, method: 'create' | 'joinOrCreate', roomName: string, options: object): Promise<{ room: Room; host: string }> {
    const response = await fetch(`${b.url}/matchmake/${method}/${roomName}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(options) });
    const reservation = await response.json();
    if (!reservation.room) throw new Error(`refused: ${JSON.stringify(reservation)}`);
    const client = new Client(b.url);
    client.auth.token = token;
    const room = await client.consumeSeatReservation(reservation);
    rooms.push(room);
    return { room, host: reservation.room.publicAddress };
  }

  async function reader(storyId: string): Promise<ClusterReader & { userId: string }> {
    const guest = await call(a.url, 'POST', '/v1/auth/guest', {});
    const token = guest.json.accessToken as string;
    const story = await seat(token, 'create', 'story', { storyId });
    const chapterId = await eventually('the chapter', async () => (story.room.state as { chapterId?: string }).chapterId, 10_000, 20);
    await story.room.leave();
    const { room, host } = await seat(token, 'joinOrCreate', 'reading', { storyId, chapterId });
    const comments: ReadingCommentMessage[] = [];
    room.onMessage('comment', (m: ReadingCommentMessage) => comments.push(m));
    room.onMessage('*', () => undefined);
    await eventually('the reading room', async () => (room.state as { chapterId?: string }).chapterId === chapterId, 10_000, 20);
    return { room, host, comments, userId: guest.json.user.id as string };
  }

  const readersSeen = (r: ClusterReader) => (r.room.state as { readers: number }).readers;
  const count = (r: ClusterReader, paragraphId: string, emoji: string) => Number(((r.room.state as { reactions: Map<string, Record<string, number>> }).reactions.get(paragraphId))?.[emoji] ?? 0);

  it('shows readers on both processes the same count, reactions and comments', async () => {
    const storyId = (await call(a.url, 'GET', '/v1/stories')).json.items[0].id as string;
    const readers: (ClusterReader & { userId: string })[] = [];
    // One reader per room: the matchmaker opens each new room on the process with fewer; a few are enough to use both.
    while (readers.length < 6 && new Set(readers.map((r) => r.host)).size < 2) readers.push(await reader(storyId));
    const hosts = new Set(readers.map((r) => r.host));
    expect(hosts.size).toBe(2);
    await eventually('every reader to see them all', async () => readers.every((r) => readersSeen(r) === readers.length), 10_000, 50);

    const [first] = readers;
    const far = readers.find((r) => r.host !== first!.host)!;
    const chapterId = (first!.room.state as { chapterId: string }).chapterId;
    // Redirected to the content-hashed URL (followed here).
    const bundle = (await call(a.url, 'GET', `/v1/chapters/${chapterId}/bundle`)).json;
    const paragraphId = bundle.scenes[bundle.startSceneId].timeline[0].id as string;

    first!.room.send('react', { paragraphId, emoji: '👏' });
    await eventually('the reaction on the other process', async () => count(far, paragraphId, '👏') === 1, 5000, 20);
    far.room.send('react', { paragraphId, emoji: '👏' });
    await eventually('both reactions everywhere', async () => readers.every((r) => count(r, paragraphId, '👏') === 2), 5000, 20);

    far.room.send('comment', { paragraphId, text: 'Seen from the other process.' });
    await eventually('the comment everywhere', async () => readers.every((r) => r.comments.some((c) => c.text === 'Seen from the other process.' && c.author.id === far.userId)), 5000, 20);

    await far.room.leave();
    await eventually('one reader fewer everywhere', async () => readers.filter((r) => r !== far).every((r) => readersSeen(r) === readers.length - 1), 10_000, 50);
  }, 90_000);
});
