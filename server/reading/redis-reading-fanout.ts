import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { ReadingEvent, ReadingFanout } from '../../rooms/reading/reading-room-deps';
import type { Logger } from '../shared/logger';
import { redisOptions } from '../shared/redis-options';
import { LocalReadingFanout } from '../../rooms/reading/local-reading-fanout';

export const READING_CHANNEL = 'storyverse:reading';
const readersKey = (chapterId: string) => `storyverse:reading:readers:${chapterId}`;

/** A process's reader count stands this long unless renewed (a crashed process's readers fade out). */
const COUNT_TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;
/** Reader counts are told at most this often per chapter: a release-day rush of joins is one update, not thousands. */
const COALESCE_MS = 100;
const CONNECT_WAIT_MS = 5000;

const commentSchema = z.object({ id: z.string(), paragraphId: z.string(), author: z.object({ id: z.string(), displayName: z.string() }), text: z.string(), replyTo: z.string().nullable(), at: z.string() });
const message = z.object({
  origin: z.string(),
  chapterId: z.string().max(128),
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('reaction'), paragraphId: z.string(), emoji: z.string(), count: z.number() }),
    z.object({ type: z.literal('comment'), comment: commentSchema }),
    z.object({ type: z.literal('commentDeleted'), id: z.string(), paragraphId: z.string() }),
    z.object({ type: z.literal('recount') }),
  ]),
});

/**
 * Reading rooms across a cluster: reactions and comments go to every process over one Redis
 * channel (each delivers them to its rooms of that chapter, its own at once); reader counts are a
 * Redis hash per chapter with a field per process (its count and until when it stands), summed by
 * every process with readers there whenever any process's count changes.
 */
export class RedisReadingFanout implements ReadingFanout {
  private readonly local = new LocalReadingFanout();
  private readonly origin = randomUUID();
  /** Chapters whose count this process must write (its own changed) or read again (another's did). */
  private readonly toWrite = new Set<string>();
  private readonly toRecount = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly renewTimer: NodeJS.Timeout;

  private constructor(private readonly pub: Redis, private readonly sub: Redis, private readonly logger: Logger) {
    this.renewTimer = setInterval(() => this.renew(), RENEW_EVERY_MS);
    this.renewTimer.unref();
  }

  static async connect(url: string, logger: Logger, waitMs = CONNECT_WAIT_MS): Promise<RedisReadingFanout> {
    const { Redis } = await import('ioredis');
    // Auto-pipelined: a batch of toggles commits at once and announces each count in the same turn
    // of the event loop, so those PUBLISHes leave in one write instead of one each.
    const pub = new Redis({ ...redisOptions(url), enableOfflineQueue: false, enableAutoPipelining: true });
    const sub = new Redis({ ...redisOptions(url), maxRetriesPerRequest: null });
    const fanout = new RedisReadingFanout(pub, sub, logger);
    for (const [connection, role] of [[pub, 'publisher'], [sub, 'subscriber']] as const) {
      connection.on('error', (error: Error) => logger.warn({ err: error, connection: role }, `reading fan-out: Redis ${role} connection error`));
    }
    sub.on('message', (channel: string, text: string) => {
      if (channel === READING_CHANNEL) fanout.received(text);
    });
    const up = Promise.all([pub.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => pub.once('ready', () => resolve())), sub.subscribe(READING_CHANNEL)]);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
    if ((await Promise.race([up, late]).finally(() => clearTimeout(timer))) === 'late') {
      logger.warn({ waitMs }, 'reading fan-out: Redis is not reachable yet; readers on other processes are seen once it is');
      up.catch(() => undefined);
    }
    return fanout;
  }

  subscribe(chapterId: string, listener: (event: ReadingEvent) => void): () => void {
    const unsubscribe = this.local.subscribe(chapterId, listener);
    // A new room learns the chapter's count from Redis, not only from its own process.
    this.schedule(this.toRecount, chapterId);
    return unsubscribe;
  }

  async publish(chapterId: string, event: Exclude<ReadingEvent, { type: 'readers' }>): Promise<void> {
    this.local.deliver(chapterId, event);
    await this.send(chapterId, event);
  }

  setRoomReaders(chapterId: string, roomId: string, count: number): void {
    this.local.setLocalRoomReaders(chapterId, roomId, count);
    this.schedule(this.toWrite, chapterId);
  }

  async close(): Promise<void> {
    clearInterval(this.renewTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    // A process that stops takes its readers out of the counts now, not when they expire.
    for (const chapterId of this.local.chaptersWithReaders()) {
      await this.pub.hdel(readersKey(chapterId), this.origin).catch(() => undefined);
      await this.send(chapterId, { type: 'recount' });
    }
    await this.local.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }

  private schedule(set: Set<string>, chapterId: string): void {
    set.add(chapterId);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      this.flush().catch((error: unknown) => this.logger.warn({ err: error }, 'reading fan-out: could not update reader counts'));
    }, COALESCE_MS);
  }

  private async flush(): Promise<void> {
    const writes = [...this.toWrite];
    const recounts = new Set([...this.toRecount, ...writes]);
    this.toWrite.clear();
    this.toRecount.clear();
    for (const chapterId of writes) {
      await this.writeCount(chapterId);
      await this.send(chapterId, { type: 'recount' });
    }
    for (const chapterId of recounts) if (this.local.hasListeners(chapterId)) await this.recount(chapterId);
  }

  private async writeCount(chapterId: string): Promise<void> {
    const count = this.local.localReaders(chapterId);
    const key = readersKey(chapterId);
    if (count === 0) await this.pub.hdel(key, this.origin);
    else await this.pub.multi().hset(key, this.origin, `${count}:${Date.now() + COUNT_TTL_MS}`).pexpire(key, COUNT_TTL_MS * 2).exec();
  }

  /** The chapter's readers in every live process, told to this process's rooms of it. */
  private async recount(chapterId: string): Promise<void> {
    const fields = await this.pub.hgetall(readersKey(chapterId));
    const now = Date.now();
    let total = 0;
    for (const value of Object.values(fields)) {
      const [count, until] = value.split(':').map(Number);
      if (Number.isFinite(count) && Number.isFinite(until) && until! > now) total += count!;
    }
    this.local.deliver(chapterId, { type: 'readers', count: total });
  }

  /** Keeps this process's counts standing, and drops a vanished process's from what rooms show. */
  private renew(): void {
    for (const chapterId of this.local.chaptersWithReaders()) this.schedule(this.toWrite, chapterId);
  }

  private async send(chapterId: string, event: z.infer<typeof message>['event']): Promise<void> {
    try {
      await this.pub.publish(READING_CHANNEL, JSON.stringify({ origin: this.origin, chapterId, event }));
    } catch (error) {
      this.logger.warn({ err: error, chapterId }, 'reading fan-out: could not tell the other processes');
    }
  }

  private received(text: string): void {
    let parsed: z.infer<typeof message>;
    try {
      parsed = message.parse(JSON.parse(text));
    } catch {
      this.logger.warn({ text: text.slice(0, 200) }, 'reading fan-out: ignored a malformed message');
      return;
    }
    if (parsed.origin === this.origin || !this.local.hasListeners(parsed.chapterId)) return;
    if (parsed.event.type === 'recount') this.schedule(this.toRecount, parsed.chapterId);
    else this.local.deliver(parsed.chapterId, parsed.event);
  }
}
