import type { EntityManager } from '@mikro-orm/core';
import type { CatalogChanges } from '../catalog/catalog-changes';
import { ChapterVersion } from '../database/entities';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { systemScheduler, type Cancel, type Scheduler } from '../shared/scheduler';
import { releaseDueChapters } from './chapter-release';
import type { ReleaseNotifier } from './release-notifier';

export interface ChapterReleasesDeps {
  em: EntityManager;
  clock: Clock;
  changes: CatalogChanges;
  logger: Logger;
  scheduler?: Scheduler;
  /** The safety poll: how often it looks for due versions anyway (one whose word was lost, a failed run). */
  pollMs?: number;
}

export const RELEASE_POLL_MS = 30_000;
/** setTimeout's longest delay; a release further away is re-armed by a later run. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Releases studio chapters at their `releaseAt`, in the processes that run the catalog. On start
 * and after each publish (`published()`, called by the studio once the publish is committed) it
 * releases what is due, then arms ONE timer for the earliest pending `releaseAt`; a safety poll
 * catches versions another process published. Every release tells every process which story
 * changed (CatalogChanges), and a publish tells them that anything may have changed, so the other
 * catalog processes re-arm their timers too. Runs never overlap; `stop()` cancels every timer.
 */
export class ChapterReleases implements ReleaseNotifier {
  private readonly scheduler: Scheduler;
  private readonly pollMs: number;
  private running = false;
  private nextRelease: Cancel | null = null;
  private poll: Cancel | null = null;
  private stopListening: (() => void) | null = null;
  /** The tail of the runs asked for so far. */
  private queue: Promise<void> = Promise.resolve();
  /** A run asked for that has not started yet: later callers share it. */
  private waiting: Promise<void> | null = null;

  constructor(private readonly deps: ChapterReleasesDeps) {
    this.scheduler = deps.scheduler ?? systemScheduler;
    this.pollMs = deps.pollMs ?? RELEASE_POLL_MS;
  }

  /** Releases what is due and arms the timer; from then on it also listens for other processes' publishes. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // "Anything may have changed" is what a publish elsewhere says: look at the schedule again.
    this.stopListening = this.deps.changes.subscribe((change) => {
      if (change.storyId === null) void this.run();
    });
    this.schedulePoll();
    await this.run();
  }

  /** After a publish: releases what is due now (so a chapter published for now is readable when this resolves), re-arms, tells every process. */
  async published(): Promise<void> {
    await this.run();
    await this.deps.changes.publish({ storyId: null });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopListening?.();
    this.stopListening = null;
    this.nextRelease?.();
    this.nextRelease = null;
    this.poll?.();
    this.poll = null;
    // A run in flight finishes before the caller closes the database under it.
    await this.queue;
  }

  /** Resolves once every run asked for so far has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  private run(): Promise<void> {
    if (this.waiting) return this.waiting;
    const next = this.queue.then(() => {
      this.waiting = null;
      return this.releaseAndArm();
    });
    this.waiting = next;
    this.queue = next;
    return next;
  }

  private async releaseAndArm(): Promise<void> {
    if (!this.running) return;
    const now = this.deps.clock.now();
    try {
      const released = await releaseDueChapters(this.deps.em, now);
      if (released.length > 0) this.deps.logger.info({ released }, `releases: ${released.map((r) => `${r.chapterId} v${r.version}`).join(', ')} released`);
      for (const storyId of new Set(released.map((r) => r.storyId))) await this.deps.changes.publish({ storyId });
      await this.arm(now);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'releases: could not release due chapters; the safety poll tries again');
    }
  }

  /** One timer, for the earliest version still waiting for its release time. */
  private async arm(now: Date): Promise<void> {
    const next = await this.deps.em.fork().findOne(ChapterVersion, { releasedAt: null, releaseAt: { $gt: now } }, { orderBy: { releaseAt: 'asc' }, fields: ['releaseAt'], disableIdentityMap: true });
    this.nextRelease?.();
    this.nextRelease = null;
    if (next === null || !this.running) return;
    const delay = Math.min(Math.max(next.releaseAt.getTime() - this.deps.clock.now().getTime(), 0), MAX_TIMER_MS);
    this.nextRelease = this.scheduler.after(delay, () => {
      this.nextRelease = null;
      void this.run();
    });
  }

  private schedulePoll(): void {
    this.poll = this.scheduler.after(this.pollMs, () => {
      this.schedulePoll();
      void this.run();
    });
  }
}
