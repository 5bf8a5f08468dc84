import { LocalDriver, LocalPresence, type MatchMakerDriver, type Presence } from '@colyseus/core';

export interface Scaling {
  kind: 'local' | 'redis';
  presence: Presence;
  driver: MatchMakerDriver;
}

/** In-memory presence for one process; Redis presence + driver when REDIS_URL joins a cluster. */
export async function createScaling(redisUrl: string | undefined): Promise<Scaling> {
  if (!redisUrl) return { kind: 'local', presence: new LocalPresence(), driver: new LocalDriver() };
  const [{ RedisPresence }, { RedisDriver }] = await Promise.all([import('@colyseus/redis-presence'), import('@colyseus/redis-driver')]);
  return { kind: 'redis', presence: new RedisPresence(redisUrl), driver: new RedisDriver(redisUrl) };
}
