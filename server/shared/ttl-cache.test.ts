import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { TtlCache } from './ttl-cache';

function counter() {
  let calls = 0;
  return { load: (value: string) => () => Promise.resolve(`${value}#${++calls}`), calls: () => calls };
}

describe('TtlCache', () => {
  it('serves a loaded value until it expires, then loads again', async () => {
    const clock = new ManualClock();
    const cache = new TtlCache<string, string>({ ttlMs: 1000, maxEntries: 10, clock });
    const loads = counter();
    expect(await cache.get('a', loads.load('a'))).toBe('a#1');
    clock.advance(0.999);
    expect(await cache.get('a', loads.load('a'))).toBe('a#1');
    clock.advance(0.001);
    expect(await cache.get('a', loads.load('a'))).toBe('a#2');
  });

  it('shares one load between concurrent misses of a key', async () => {
    const cache = new TtlCache<string, string>({ ttlMs: 1000, maxEntries: 10, clock: new ManualClock() });
    const loads = counter();
    const values = await Promise.all([1, 2, 3].map(() => cache.get('a', loads.load('a'))));
    expect(values).toEqual(['a#1', 'a#1', 'a#1']);
    expect(loads.calls()).toBe(1);
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache<string, string>({ ttlMs: 1000, maxEntries: 10, clock: new ManualClock() });
    await expect(cache.get('a', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('a', () => Promise.resolve('fresh'))).toBe('fresh');
  });

  it('evicts the oldest key beyond its bound', async () => {
    const cache = new TtlCache<string, string>({ ttlMs: 1000, maxEntries: 2, clock: new ManualClock() });
    const loads = counter();
    await cache.get('a', loads.load('a'));
    await cache.get('b', loads.load('b'));
    await cache.get('c', loads.load('c'));
    expect(cache.size).toBe(2);
    expect(await cache.get('a', loads.load('a'))).toBe('a#4');
  });

  it('loads every time when the TTL is 0, and forgets everything on clear', async () => {
    const off = new TtlCache<string, string>({ ttlMs: 0, maxEntries: 10, clock: new ManualClock() });
    const loads = counter();
    await off.get('a', loads.load('a'));
    expect(await off.get('a', loads.load('a'))).toBe('a#2');

    const on = new TtlCache<string, string>({ ttlMs: 1000, maxEntries: 10, clock: new ManualClock() });
    await on.get('a', loads.load('a'));
    on.clear();
    expect(await on.get('a', loads.load('a'))).toBe('a#4');
  });

  it('forgets one key on delete, keeping the others', async () => {
    const cache = new TtlCache<string, string>({ ttlMs: 1000, maxEntries: 10, clock: new ManualClock() });
    const loads = counter();
    await cache.get('a', loads.load('a'));
    await cache.get('b', loads.load('b'));
    cache.delete('a');
    expect(await cache.get('a', loads.load('a'))).toBe('a#3');
    expect(await cache.get('b', loads.load('b'))).toBe('b#2');
  });
});
