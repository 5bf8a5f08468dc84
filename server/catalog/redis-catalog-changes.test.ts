import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import { eventually, PrivateRedis, redisCommand, redisServerInstalled, sleep } from '../../cluster/testing/cluster-harness';
import { itWhenReachable } from '../../testing/services';
import { silentLogger } from '../shared/logger';
import type { CatalogChange } from './catalog-changes';
import { LocalCatalogChanges } from './local-catalog-changes';
import { CATALOG_CHANGES_CHANNEL, RedisCatalogChanges } from './redis-catalog-changes';

// A private redis-server (not the machine's shared one), so the test can restart it.
const up = redisServerInstalled();
const it = itWhenReachable(up, 'a redis-server binary');

describe('LocalCatalogChanges', () => {
  vitestIt('tells every listener of this process, until it stops listening', async () => {
    const changes = new LocalCatalogChanges();
    const seen: CatalogChange[] = [];
    const stop = changes.subscribe((change) => seen.push(change));
    await changes.publish({ storyId: 'a' });
    stop();
    await changes.publish({ storyId: 'b' });
    expect(seen).toEqual([{ storyId: 'a' }]);
  });
});

describe.runIf(up)('RedisCatalogChanges', () => {
  let redis: PrivateRedis;
  let a: RedisCatalogChanges;
  let b: RedisCatalogChanges;
  const seenByA: CatalogChange[] = [];
  const seenByB: CatalogChange[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    a = await RedisCatalogChanges.connect(redis.url, silentLogger);
    b = await RedisCatalogChanges.connect(redis.url, silentLogger);
    a.subscribe((change) => seenByA.push(change));
    b.subscribe((change) => seenByB.push(change));
  }, 30_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.down();
  });

  it('tells the publishing process at once and the other one through Redis, each exactly once', async () => {
    await a.publish({ storyId: 'tide-clock' });
    expect(seenByA).toEqual([{ storyId: 'tide-clock' }]);
    await eventually('B to hear of it', async () => seenByB.length > 0, 5000, 10);
    await b.publish({ storyId: null });
    await eventually('A to hear of B', async () => seenByA.length > 1, 5000, 10);
    await sleep(100);
    expect(seenByB).toEqual([{ storyId: 'tide-clock' }, { storyId: null }]);
    expect(seenByA).toEqual([{ storyId: 'tide-clock' }, { storyId: null }]);
  });

  it('ignores a malformed message on the channel', async () => {
    seenByA.length = 0;
    redisCommand(redis.port, 'publish', CATALOG_CHANGES_CHANNEL, '{"storyId": 42}');
    redisCommand(redis.port, 'publish', CATALOG_CHANGES_CHANNEL, JSON.stringify({ origin: 'another-process', storyId: 'sent-by-hand' }));
    await eventually('the well-formed message', async () => seenByA.length > 0, 5000, 10);
    expect(seenByA).toEqual([{ storyId: 'sent-by-hand' }]);
  });

  it('survives a Redis restart: publishing meanwhile does not hang, and after it the subscriber forgets everything and hears again', async () => {
    seenByA.length = 0;
    seenByB.length = 0;
    await redis.down();
    // While Redis is away a publish fails fast (logged); this process is still told.
    await a.publish({ storyId: 'during-outage' });
    expect(seenByA).toEqual([{ storyId: 'during-outage' }]);
    await redis.up();
    // Back: B may have missed changes, so it is told to forget everything.
    await eventually('B to be told to forget everything after reconnecting', async () => seenByB.some((c) => c.storyId === null), 20_000, 50);
    await eventually('A to publish through Redis again', async () => {
      await a.publish({ storyId: 'after-outage' });
      return seenByB.some((c) => c.storyId === 'after-outage');
    }, 20_000, 200);
  }, 40_000);

  it('starts without Redis after a short wait, and hears once Redis is there', async () => {
    await redis.down();
    const startedAt = Date.now();
    const late = await RedisCatalogChanges.connect(redis.url, silentLogger, 300);
    expect(Date.now() - startedAt).toBeLessThan(5000);
    const seen: CatalogChange[] = [];
    late.subscribe((change) => seen.push(change));
    try {
      await redis.up();
      await eventually('the late process to hear of A', async () => {
        await a.publish({ storyId: 'late-news' });
        return seen.some((c) => c.storyId === 'late-news');
      }, 20_000, 200);
    } finally {
      await late.close();
    }
  }, 40_000);
});
