/**
 * Matchmaking across the processes of a cluster (Redis presence + driver), with the repairs
 * Colyseus 0.16 leaves to the application:
 *
 * - **where new rooms go**: the least-loaded process that is alive (its IPC channel `p:<id>` is
 *   subscribed in Redis) and not draining — so a killed process is not picked and made to time
 *   out, and a stopping one receives no new rooms;
 * - **listings that vanish** (colyseus/colyseus#968): when a process misses one health-check ping,
 *   another process deletes its room listings (and its `roomcount` entry) although its rooms keep
 *   running. Every sweep, each process puts its own missing listings (and its stats) back;
 * - **listings of dead processes**: a process killed with -9 leaves its listings behind. Every
 *   sweep, a process whose channel is gone is health-checked (Colyseus then removes its rooms),
 *   and listings whose process is neither alive nor counted are cleaned (colyseus/colyseus#850).
 *
 * After a Redis restart (empty Redis) the same sweep republishes everything this process hosts.
 */
import { matchMaker, type Presence, type Room } from '@colyseus/core';

/** Marks a stopping process; expires by itself well after the stop's time bound. */
const drainingKey = (processId: string) => `storyverse:draining:${processId}`;
const DRAINING_SECONDS = 120;
const PROCESS_CHANNEL_PREFIX = 'p:';

interface Listing {
  roomId: string;
  processId: string;
}

interface ListingDriver {
  has(roomId: string): Promise<boolean>;
  query(conditions: Partial<Listing>): Promise<Listing[]>;
  cleanup(processId: string): Promise<void>;
}

interface SweepLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** The ids of the processes whose IPC channel is subscribed (those alive), or null without Redis. */
async function liveProcessIds(presence: Presence): Promise<Set<string> | null> {
  const channels = (presence as { channels?: (pattern: string) => Promise<string[]> }).channels;
  if (typeof channels !== 'function') return null;
  const names = await channels.call(presence, `${PROCESS_CHANNEL_PREFIX}*`);
  return new Set(names.map((name) => name.slice(PROCESS_CHANNEL_PREFIX.length)));
}

/** `selectProcessIdToCreateRoom` for the Server: least rooms among live, non-draining processes. */
export function liveProcessSelector(presence: Presence) {
  return async (): Promise<string> => {
    const [stats, live] = await Promise.all([matchMaker.stats.fetchAll(), liveProcessIds(presence)]);
    const alive = stats.filter((s) => s.processId === matchMaker.processId || live === null || live.has(s.processId));
    const draining = await Promise.all(alive.map((s) => presence.get(drainingKey(s.processId))));
    const candidates = alive.filter((_, i) => !draining[i]).sort((a, b) => a.roomCount - b.roomCount);
    return candidates[0]?.processId ?? matchMaker.processId;
  };
}

export interface ClusterSweepOptions {
  presence: Presence;
  driver: ListingDriver;
  logger: SweepLogger;
  intervalMs: number;
}

/** Keeps this process's listings published and removes those of dead processes (see above). */
export class ClusterSweep {
  private readonly rooms = new Set<Room>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private draining = false;
  /** Processes seen without a channel in the previous sweep: cleaned if still gone in this one. */
  private suspects = new Set<string>();

  constructor(private readonly options: ClusterSweepOptions) {}

  /** Rooms this process hosts (from the room handlers' create/dispose events). */
  track(handler: { on(event: 'create' | 'dispose', listener: (room: Room) => void): unknown }): void {
    handler.on('create', (room) => this.rooms.add(room));
    handler.on('dispose', (room) => this.rooms.delete(room));
  }

  get roomsByKind(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const room of this.rooms) counts.set(room.roomName, (counts.get(room.roomName) ?? 0) + 1);
    return counts;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops new rooms coming here (every process's selector skips draining processes). */
  async drain(): Promise<void> {
    this.draining = true;
    await this.options.presence.setex(drainingKey(matchMaker.processId), '1', DRAINING_SECONDS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass; never throws (Redis may be down: the next pass tries again). */
  async sweep(): Promise<void> {
    if (this.running || matchMaker.state !== matchMaker.MatchMakerState.READY) return;
    this.running = true;
    try {
      await this.republishOwn();
      await this.reapDead();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'cluster sweep failed; retrying on the next one');
    } finally {
      this.running = false;
    }
  }

  private async republishOwn(): Promise<void> {
    const { presence, driver, logger } = this.options;
    const me = matchMaker.processId;
    if (!this.draining && !(await presence.hget('roomcount', me))) {
      await matchMaker.stats.persist(true);
      logger.info({ processId: me }, 'cluster: this process was missing from the process list; re-registered');
    }
    const listed = new Set((await driver.query({ processId: me })).map((l) => l.roomId));
    let restored = 0;
    for (const room of this.rooms) {
      if (listed.has(room.roomId) || !room.listing || room.roomId === undefined) continue;
      if ((room as unknown as { _internalState: number })._internalState !== 1 /* CREATED */) continue;
      await room.listing.save();
      restored++;
    }
    if (restored > 0) logger.warn({ processId: me, restored }, 'cluster: room listings had vanished from the driver (colyseus#968); republished them');
  }

  private async reapDead(): Promise<void> {
    const { presence, driver, logger } = this.options;
    const live = await liveProcessIds(presence);
    if (live === null) return;
    const me = matchMaker.processId;
    live.add(me);
    const counted = await matchMaker.stats.fetchAll();
    const listings = await driver.query({});
    const gone = new Set([...counted.map((s) => s.processId), ...listings.map((l) => l.processId)].filter((id) => id && !live.has(id)));
    const confirmed = [...gone].filter((id) => this.suspects.has(id));
    this.suspects = gone;
    for (const processId of confirmed) {
      // Colyseus pings it once more, then drops it from the process list and removes its rooms.
      const alive = await matchMaker.healthCheckProcessId(processId);
      if (alive) continue;
      await driver.cleanup(processId);
      logger.info({ processId }, 'cluster: a game process is gone; its rooms left the listings');
    }
  }
}
