import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisOptions } from '../shared/redis-options';
import { z } from 'zod';
import type { Logger } from '../shared/logger';
import type { CatalogChange, CatalogChangeListener, CatalogChanges } from './catalog-changes';
import { LocalCatalogChanges } from './local-catalog-changes';

export const CATALOG_CHANGES_CHANNEL = 'storyverse:catalog-changes';

/** How long a process waits for Redis at start before it goes on without it. */
const CONNECT_WAIT_MS = 5000;

const message = z.object({ origin: z.string(), storyId: z.string().max(64).nullable() });

/**
 * Catalog changes across a cluster over Redis pub/sub, on connections of its own: sidecar processes
 * have no Colyseus presence to borrow one from. A change reaches this process's listeners at once
 * and the others through the channel (this process skips its own echo). While Redis is away,
 * publishing fails fast (the others' caches catch up within their TTL); once the subscriber is back
 * (ioredis reconnects and resubscribes by itself) this process forgets everything, since it may
 * have missed changes meanwhile.
 */
export class RedisCatalogChanges implements CatalogChanges {
  private readonly local = new LocalCatalogChanges();
  /** Tells this process's messages from the others' on the shared channel. */
  private readonly origin = randomUUID();

  private constructor(private readonly pub: Redis, private readonly sub: Redis, private readonly logger: Logger) {}

  /**
   * Resolves once both connections are up and the channel is subscribed — or, if Redis cannot be
   * reached within `waitMs`, with a warning: the process starts all the same, and changes flow once
   * Redis is there (until then the caches' TTLs keep them fresh enough).
   */
  static async connect(url: string, logger: Logger, waitMs = CONNECT_WAIT_MS): Promise<RedisCatalogChanges> {
    const { Redis } = await import('ioredis');
    // No offline queue for the publisher: a change told while Redis is away fails at once instead of waiting.
    const pub = new Redis({ ...redisOptions(url), enableOfflineQueue: false });
    // Its SUBSCRIBE waits for Redis however long it takes (by default ioredis gives a command up after 20 reconnections).
    // No connection name: naming is one more handshake command a SUBSCRIBE could race (see redisOptions).
    const sub = new Redis({ ...redisOptions(url), maxRetriesPerRequest: null });
    const changes = new RedisCatalogChanges(pub, sub, logger);
    changes.watch(pub, 'publisher');
    changes.watch(sub, 'subscriber');
    sub.on('message', (channel: string, text: string) => {
      if (channel === CATALOG_CHANGES_CHANNEL) changes.received(text);
    });
    let subscribed = false;
    // A subscriber that comes back (ioredis resubscribes by itself) may have missed changes meanwhile.
    sub.on('ready', () => {
      if (subscribed) changes.local.deliver({ storyId: null });
    });
    const up = Promise.all([untilReady(pub), sub.subscribe(CATALOG_CHANGES_CHANNEL)]).then(() => {
      subscribed = true;
      return true;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
    const inTime = await Promise.race([up, late]).finally(() => clearTimeout(timer));
    if (!inTime) {
      logger.warn({ waitMs }, 'catalog changes: Redis is not reachable yet; other processes learn of releases once it is (their caches expire within seconds meanwhile)');
      up.catch(() => undefined);
    }
    return changes;
  }

  async publish(change: CatalogChange): Promise<void> {
    this.local.deliver(change);
    try {
      await this.pub.publish(CATALOG_CHANGES_CHANNEL, JSON.stringify({ origin: this.origin, storyId: change.storyId }));
    } catch (error) {
      this.logger.warn({ err: error, storyId: change.storyId }, 'catalog changes: could not tell the other processes; their caches catch up within their TTL');
    }
  }

  subscribe(listener: CatalogChangeListener): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }

  private received(text: string): void {
    let parsed: z.infer<typeof message>;
    try {
      parsed = message.parse(JSON.parse(text));
    } catch {
      this.logger.warn({ text: text.slice(0, 200) }, 'catalog changes: ignored a malformed message');
      return;
    }
    if (parsed.origin !== this.origin) this.local.deliver({ storyId: parsed.storyId });
  }

  /** One warning per outage, not one per reconnection attempt. */
  private watch(connection: Redis, role: string): void {
    let down = false;
    connection.on('error', (error: Error) => {
      if (down) return;
      down = true;
      this.logger.warn({ err: error, connection: role }, `catalog changes: Redis ${role} connection lost; reconnecting`);
    });
    connection.on('ready', () => {
      if (down) this.logger.info({ connection: role }, `catalog changes: Redis ${role} connection back`);
      down = false;
    });
  }
}

function untilReady(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => connection.once('ready', () => resolve()));
}
