import type { RedisOptions } from 'ioredis';

/**
 * ioredis options for a `redis://` or `rediss://` URL, for every connection StoryVerse opens.
 *
 * `disableClientInfo`: since ioredis 5.8.2 the connection handshake (CLIENT SETINFO, then the INFO
 * ready check) can interleave with a SUBSCRIBE issued while connecting; Redis then refuses the INFO
 * ("Connection in subscriber mode…") and the subscriber connection is left stuck without its
 * subscriptions (redis/ioredis#2037). For Colyseus presence that silently cut a process off its IPC
 * channel: other processes health-checked it out of the cluster and no room was placed on it again.
 * Skipping CLIENT SETINFO (a label in CLIENT LIST) restores the old order.
 */
export function redisOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`not a redis:// URL: ${parsed.protocol}`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new Error(`the database in a Redis URL is a number, not "${db}"`);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.username !== '' && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password !== '' && { password: decodeURIComponent(parsed.password) }),
    ...(db !== '' && { db: Number(db) }),
    ...(parsed.protocol === 'rediss:' && { tls: { servername: parsed.hostname } }),
    disableClientInfo: true,
  };
}
