/** Decides, write by write, whether a write waits for others to share its commit or goes at once. */
export interface GatherPolicy {
  /** Called once per write, as it arrives. */
  shouldGather(): boolean;
}

/** For writes nobody waits on: every one gathers, even on an idle server. */
export const ALWAYS_GATHER: GatherPolicy = { shouldGather: () => true };

/** For commits that cost no round trip (SQLite, in the process): a wait would buy nothing. */
export const NEVER_GATHER: GatherPolicy = { shouldGather: () => false };

/** A gap counts up to this many waits: after an idle spell, one write makes the pace slow again. */
const LONGEST_GAP_IN_WAITS = 8;
/** Each gap's weight in the average (as TCP's smoothed round trip): the pace follows a change within ~8 writes. */
const GAP_WEIGHT = 1 / 8;

/**
 * Gathers only while writes come faster than one per `waitMs` on recent average: then a gathering
 * of `waitMs` is likely to carry others. Slower than that, a write would wait for nobody, so it goes at
 * once — an idle server adds no latency. Starts slow.
 */
export class WritePace implements GatherPolicy {
  private lastWriteAt = -Infinity;
  private averageGapMs: number;

  constructor(
    private readonly waitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.averageGapMs = LONGEST_GAP_IN_WAITS * waitMs;
  }

  shouldGather(): boolean {
    const now = this.now();
    const gap = Math.min(now - this.lastWriteAt, LONGEST_GAP_IN_WAITS * this.waitMs);
    this.lastWriteAt = now;
    this.averageGapMs += (gap - this.averageGapMs) * GAP_WEIGHT;
    return this.averageGapMs < this.waitMs;
  }
}
