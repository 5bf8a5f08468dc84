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
 *
 * Reading the listings means reading every listing of the cluster (RedisDriver.query is HGETALL plus
 * a JSON.parse per room): at 1,500 rooms a process, up to 180 ms of its event loop (load-tests/RESULTS.md).
 * So most sweeps only probe: this process's entry in the process list and a few of its own
 * listings, in turn — a health-check cleanup or an empty Redis removes all of them at once, and a
 * probe that finds one missing starts a full pass at once. Every FULL_PASS_EVERY sweeps, a full pass anyway.
 */
import { matchMaker, type Presence, type Room } from '@colyseus/core';

/** Marks a stopping process; expires by itself well after the stop's time bound. */
const drainingKey = (processId: string) => `storyverse:draining:${processId}`;
const DRAINING_SECONDS = 120;
const PROCESS_CHANNEL_PREFIX = 'p:';
/** Own listings checked per sweep between full passes (a rotating sample). */
const LISTING_PROBES = 8;
/** Every this many sweeps a full pass: every own listing, and listings of processes no longer counted. */
export const FULL_PASS_EVERY = 12;

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
  /** Counted processes without a channel at the previous sweep: cleaned if still gone in this one. */
  private countedSuspects = new Set<string>();
  /** Processes with listings but no channel at the previous full pass: cleaned if still gone at this one. */
  private listedSuspects = new Set<string>();
  private sweeps = 0;
  /** Where the next probe of own listings starts. */
  private probeFrom = 0;

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
    const full = this.sweeps++ % FULL_PASS_EVERY === 0;
    // Read once per sweep at most, by whichever step needs it first (the driver has no cheaper query).
    let listings: Promise<Listing[]> | null = null;
    const allListings = () => (listings ??= this.options.driver.query({}));
    try {
      await this.republishOwn(full, allListings);
      await this.reapDead(full, allListings);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'cluster sweep failed; retrying on the next one');
    } finally {
      this.running = false;
    }
  }

  private async republishOwn(full: boolean, allListings: () => Promise<Listing[]>): Promise<void> {
    const { presence, logger } = this.options;
    const me = matchMaker.processId;
    const uncounted = !this.draining && !(await presence.hget('roomcount', me));
    if (uncounted) {
      await matchMaker.stats.persist(true);
      logger.info({ processId: me }, 'cluster: this process was missing from the process list; re-registered');
    }
    if (!full && !uncounted && !(await this.probeFindsMissing())) return;
    const listed = new Set((await allListings()).filter((l) => l.processId === me).map((l) => l.roomId));
    let restored = 0;
    for (const room of this.rooms) {
      if (listed.has(room.roomId) || !isListable(room)) continue;
      await room.listing.save();
      restored++;
    }
    if (restored > 0) logger.warn({ processId: me, restored }, 'cluster: room listings had vanished from the driver (colyseus#968); republished them');
  }

  /** Whether any of a few own rooms (the next in turn) has lost its listing. */
  private async probeFindsMissing(): Promise<boolean> {
    const candidates = [...this.rooms].filter(isListable);
    if (candidates.length === 0) return false;
    const probed = Array.from({ length: Math.min(LISTING_PROBES, candidates.length) }, (_, i) => candidates[(this.probeFrom + i) % candidates.length]!);
    this.probeFrom = (this.probeFrom + probed.length) % candidates.length;
    const found = await Promise.all(probed.map((room) => this.options.driver.has(room.roomId)));
    return found.includes(false);
  }

  private async reapDead(full: boolean, allListings: () => Promise<Listing[]>): Promise<void> {
    const { presence, driver, logger } = this.options;
    const live = await liveProcessIds(presence);
    if (live === null) return;
    live.add(matchMaker.processId);
    const counted = stillGone(this.countedSuspects, (await matchMaker.stats.fetchAll()).map((s) => s.processId), live);
    this.countedSuspects = counted.gone;
    const confirmed = new Set(counted.confirmed);
    if (full) {
      const listed = stillGone(this.listedSuspects, (await allListings()).map((l) => l.processId), live);
      this.listedSuspects = listed.gone;
      for (const processId of listed.confirmed) confirmed.add(processId);
    }
    for (const processId of confirmed) {
      // Colyseus pings it once more, then drops it from the process list and removes its rooms.
      const alive = await matchMaker.healthCheckProcessId(processId);
      if (alive) continue;
      await driver.cleanup(processId);
      logger.info({ processId }, 'cluster: a game process is gone; its rooms left the listings');
    }
  }
}

type ListableRoom = Room & { listing: NonNullable<Room['listing']>; roomId: string };

/** A room that is running (CREATED) and has a listing to put back. */
function isListable(room: Room): room is ListableRoom {
  const created = (room as unknown as { _internalState: number })._internalState === 1;
  return created && room.listing !== undefined && room.roomId !== undefined;
}

/**
 * Processes of `seen` that have no channel, and those of them that had none at the previous check
 * too (confirmed: not one that is just starting).
 */
function stillGone(previous: ReadonlySet<string>, seen: readonly string[], live: ReadonlySet<string>): { gone: Set<string>; confirmed: string[] } {
  const gone = new Set(seen.filter((id) => id && !live.has(id)));
  return { gone, confirmed: [...gone].filter((id) => previous.has(id)) };
}
