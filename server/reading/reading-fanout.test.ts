import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import { eventually, PrivateRedis, redisServerInstalled } from '../../cluster/testing/cluster-harness';
import type { ReadingEvent } from '../../rooms/reading/reading-room-deps';
import { itWhenReachable } from '../../testing/services';
import { silentLogger } from '../shared/logger';
import { LocalReadingFanout } from '../../rooms/reading/local-reading-fanout';
import { RedisReadingFanout } from './redis-reading-fanout';

const up = redisServerInstalled();
const it = itWhenReachable(up, 'a redis-server binary');
const comment = { id: 'c1', paragraphId: 'p', author: { id: 'u', displayName: 'U' }, text: 'hi', replyTo: null, at: '2026-01-01T00:00:00.000Z' };

describe('LocalReadingFanout', () => {
  vitestIt("tells the chapter's rooms, and only them, its events and its reader count", async () => {
    const fanout = new LocalReadingFanout();
    const seen: ReadingEvent[] = [];
    const other: ReadingEvent[] = [];
    const stop = fanout.subscribe('ch1', (event) => seen.push(event));
    fanout.subscribe('ch2', (event) => other.push(event));
    fanout.setRoomReaders('ch1', 'room-a', 2);
    fanout.setRoomReaders('ch1', 'room-b', 1);
    await fanout.publish('ch1', { type: 'reaction', paragraphId: 'p', emoji: '🔥', count: 1 });
    fanout.setRoomReaders('ch1', 'room-a', 0);
    stop();
    await fanout.publish('ch1', { type: 'comment', comment });
    expect(seen).toEqual([{ type: 'readers', count: 2 }, { type: 'readers', count: 3 }, { type: 'reaction', paragraphId: 'p', emoji: '🔥', count: 1 }, { type: 'readers', count: 1 }]);
    expect(other).toEqual([]);
  });
});

// Two fan-outs on one private redis-server stand for two processes of the cluster.
describe.runIf(up)('RedisReadingFanout', () => {
  let redis: PrivateRedis;
  let a: RedisReadingFanout;
  let b: RedisReadingFanout;
  const seenByA: ReadingEvent[] = [];
  const seenByB: ReadingEvent[] = [];
  const lastReaders = (events: ReadingEvent[]) => events.filter((e) => e.type === 'readers').at(-1);

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    a = await RedisReadingFanout.connect(redis.url, silentLogger);
    b = await RedisReadingFanout.connect(redis.url, silentLogger);
    a.subscribe('ch1', (event) => seenByA.push(event));
    b.subscribe('ch1', (event) => seenByB.push(event));
  }, 30_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.down();
  });

  it("counts the chapter's readers across processes", async () => {
    a.setRoomReaders('ch1', 'room-a1', 2);
    b.setRoomReaders('ch1', 'room-b1', 1);
    await eventually('3 readers on both', async () => lastReaders(seenByA)?.type === 'readers' && (lastReaders(seenByA) as { count: number }).count === 3 && (lastReaders(seenByB) as { count: number } | undefined)?.count === 3, 5000, 20);
    b.setRoomReaders('ch1', 'room-b1', 0);
    await eventually('2 readers on both', async () => (lastReaders(seenByA) as { count: number }).count === 2 && (lastReaders(seenByB) as { count: number }).count === 2, 5000, 20);
  });

  it("delivers reactions, comments and deletions to the other process's rooms of the chapter, and a process's own at once", async () => {
    await a.publish('ch1', { type: 'reaction', paragraphId: 'p', emoji: '🔥', count: 4 });
    expect(seenByA).toContainEqual({ type: 'reaction', paragraphId: 'p', emoji: '🔥', count: 4 });
    await b.publish('ch1', { type: 'comment', comment });
    await a.publish('ch1', { type: 'commentDeleted', id: 'c1', paragraphId: 'p' });
    await eventually('the events across', async () => seenByB.some((e) => e.type === 'reaction' && e.count === 4) && seenByA.some((e) => e.type === 'comment') && seenByB.some((e) => e.type === 'commentDeleted' && e.id === 'c1'), 5000, 20);
    // Each event once: a process skips its own echo.
    expect(seenByA.filter((e) => e.type === 'reaction')).toHaveLength(1);
    expect(seenByB.filter((e) => e.type === 'comment')).toHaveLength(1);
  });

  it('delivers a batch of counts announced in one turn (one pipelined write) to the other process, all and in order', async () => {
    const counts = Array.from({ length: 50 }, (_, i) => i + 100);
    await Promise.all(counts.map((count) => a.publish('ch1', { type: 'reaction', paragraphId: 'batch', emoji: '👏', count })));
    const seen = () => seenByB.flatMap((e) => (e.type === 'reaction' && e.paragraphId === 'batch' ? [e.count] : []));
    await eventually('the batch across', async () => seen().length === counts.length, 5000, 20);
    expect(seen()).toEqual(counts);
  });
});
