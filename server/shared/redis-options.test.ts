import { describe, expect, it } from 'vitest';
import { itWhenReachable, reachable, TEST_REDIS_URL } from '../../testing/services';
import { redisOptions } from './redis-options';

const withRedis = itWhenReachable(await reachable(TEST_REDIS_URL), `Redis (${TEST_REDIS_URL})`);

describe('redisOptions (every Redis connection StoryVerse opens)', () => {
  it('reads host, port, credentials and database from the URL', () => {
    expect(redisOptions('redis://alice:s%3Acret@cache.internal:6380/3')).toMatchObject({ host: 'cache.internal', port: 6380, username: 'alice', password: 's:cret', db: 3 });
    expect(redisOptions('redis://:only-password@[::1]')).toMatchObject({ host: '::1', port: 6379, password: 'only-password' });
    expect(redisOptions('redis://127.0.0.1:6379')).not.toHaveProperty('db');
  });

  it('uses TLS for rediss://', () => {
    expect(redisOptions('rediss://cache.example.com').tls).toEqual({ servername: 'cache.example.com' });
    expect(redisOptions('redis://cache.example.com').tls).toBeUndefined();
  });

  it('refuses what is not a Redis URL', () => {
    expect(() => redisOptions('http://127.0.0.1:6379')).toThrow(/redis:\/\//);
    expect(() => redisOptions('redis://127.0.0.1:6379/cache')).toThrow(/number/);
  });

  // The handshake race of redis/ioredis#2037 left subscribers stuck without their subscriptions
  // (without the fix, some of these 50 fail their ready check nearly every run).
  withRedis('keeps subscriptions made while connecting: 50 subscribers, every one receives', async () => {
    const { default: Redis } = await import('ioredis');
    const subscribers = Array.from({ length: 50 }, () => new Redis(redisOptions(TEST_REDIS_URL)));
    const publisher = new Redis(redisOptions(TEST_REDIS_URL));
    const errors: unknown[] = [];
    try {
      const channel = `redis-options-test:${process.pid}:${Date.now()}`;
      const received = subscribers.map((subscriber) => {
        subscriber.on('error', (error) => errors.push(error));
        return new Promise<string>((resolve) => subscriber.on('message', (_channel, message) => resolve(message)));
      });
      // Subscribing right away, before the connection is ready, is what Colyseus presence does.
      await Promise.all(subscribers.map((subscriber) => subscriber.subscribe(channel)));
      expect(Number(await publisher.publish(channel, 'hello'))).toBe(50);
      expect(await Promise.all(received)).toEqual(Array(50).fill('hello'));
      expect(errors).toEqual([]);
    } finally {
      publisher.disconnect();
      for (const subscriber of subscribers) subscriber.disconnect();
    }
  });
});
