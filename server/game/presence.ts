import { LocalDriver, LocalPresence, type MatchMakerDriver, type Presence } from '@colyseus/core';
import { redisOptions } from '../shared/redis-options';

export interface Scaling {
  kind: 'local' | 'redis';
  presence: Presence;
  driver: MatchMakerDriver;
  /** Redis connections by role and whether each is ready (empty for local presence). */
  connections(): Record<string, boolean>;
}

interface WithStatus {
  status?: string;
}

/** In-memory presence for one process; Redis presence + driver when REDIS_URL joins a cluster. */
export async function createScaling(redisUrl: string | undefined): Promise<Scaling> {
  if (!redisUrl) return { kind: 'local', presence: new LocalPresence(), driver: new LocalDriver(), connections: () => ({}) };
  const [{ RedisPresence }, { RedisDriver }] = await Promise.all([import('@colyseus/redis-presence'), import('@colyseus/redis-driver')]);
  // ioredis reconnects by itself (and resubscribes); commands issued meanwhile wait in its queue.
  const presence = new RedisPresence(redisOptions(redisUrl));
  const driver = new RedisDriver(redisOptions(redisUrl));
  const clients = presence as unknown as { pub: WithStatus; sub: WithStatus };
  const driverClient = (driver as unknown as { _client: WithStatus })._client;
  return {
    kind: 'redis',
    presence,
    driver,
    connections: () => ({ presence_pub: clients.pub.status === 'ready', presence_sub: clients.sub.status === 'ready', driver: driverClient.status === 'ready' }),
  };
}
