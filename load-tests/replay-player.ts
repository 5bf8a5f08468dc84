import { joinOptionsSchema, StoryMessage } from '../rooms/story/protocol';
import type { Recording } from './recording-format';
import { describe, firstDifference, type ReplayPlan } from './replay-plan';
import type { RunStats } from './run-stats';
import type { StopSignal } from './stop-signal';
import { GuestAccount, RestFailure } from './storyverse-api';
import { JoinFailed, StorySession, type Outcome } from './story-session';

export interface ReplayContext {
  target: string;
  /** Recorded timing is divided by this. */
  speed: number;
  stats: RunStats;
  stop: StopSignal;
}

/** How a replay ended: compared with its recording, cut short by the end of the run, or never started. */
export type ReplayResult = 'compared' | 'stopped' | 'failed';

const ANSWER_TIMEOUT_MS = 10_000;

/**
 * Replays one recording as a new guest (a fresh wallet, as the recorded player had when
 * the recording is of a first session): joins with the recorded options, sends each message at
 * its scaled time but never before the previous one was answered, and compares the scenes and
 * refusals it met with the recording. The first difference ends the replay as REPLAY_DIVERGED.
 */
export class ReplayPlayer {
  private readonly received: Outcome[] = [];
  private notify: (() => void) | null = null;

  constructor(private readonly recording: Recording, private readonly plan: ReplayPlan, private readonly ctx: ReplayContext) {}

  async run(): Promise<ReplayResult> {
    const { stats, target } = this.ctx;
    let session: StorySession;
    try {
      const account = await GuestAccount.create(target);
      session = await StorySession.open(target, await account.accessToken(), joinOptionsSchema.parse(this.recording.header.options), stats, (outcome) => {
        this.received.push(outcome);
        this.notify?.();
      });
    } catch (error) {
      stats.error(error instanceof RestFailure || error instanceof JoinFailed ? error.code : 'PLAYER_FAILED', error instanceof Error ? error.message : String(error));
      return 'failed';
    }
    try {
      return await this.replay(session);
    } finally {
      await session.leave();
    }
  }

  private async replay(session: StorySession): Promise<ReplayResult> {
    const { stop, speed } = this.ctx;
    await this.until(session, this.plan.openingOutcomes);
    const anchor = performance.now();
    for (const step of this.plan.steps) {
      if (stop.stopped) return 'stopped';
      if (!session.open || this.differs()) break;
      await stop.sleep(anchor + step.atMs / speed - performance.now());
      if (stop.stopped) return 'stopped';
      if (this.received.length >= step.outcomesAfter) {
        // The recording shows no visible change for this message: nothing to wait for.
        session.send(step.message, step.payload);
        continue;
      }
      const { outcome, sentAt, rttMs } = await session.act(step.message, step.payload);
      if (outcome?.kind === 'scene' && (step.message === StoryMessage.choose || step.message === StoryMessage.advance || step.message === StoryMessage.next)) this.ctx.stats.roundTrip(step.message, sentAt, rttMs);
      await this.until(session, step.outcomesAfter);
    }
    if (stop.stopped) return 'stopped';
    this.judge();
    // Stay as long as the recorded player did, so sessions overlap as they did for real.
    await stop.sleep(anchor + this.plan.endAtMs / speed - performance.now());
    return 'compared';
  }

  /** Counts the replay; a difference from the recording is a REPLAY_DIVERGED error. */
  private judge(): void {
    const { stats } = this.ctx;
    stats.replays++;
    const difference = firstDifference(this.plan.expected, this.received);
    if (difference) {
      stats.diverged++;
      stats.error('REPLAY_DIVERGED', `${this.recording.file}: ${difference}`);
    }
    // Refusals the recording had too are the session being faithful, not errors.
    this.received.forEach((outcome, i) => {
      const expected = this.plan.expected[i];
      if (outcome.kind === 'error' && expected && describe(expected) === describe(outcome)) stats.refusal(outcome.code);
    });
  }

  /** True once what arrived so far departs from the recording (no point sending the rest). */
  private differs(): boolean {
    return firstDifference(this.plan.expected.slice(0, this.received.length), this.received) !== null;
  }

  /** Waits until `count` outcomes have arrived (false after the answer timeout, a drop or the end of the run). */
  private async until(session: StorySession, count: number): Promise<boolean> {
    const deadline = performance.now() + ANSWER_TIMEOUT_MS;
    while (this.received.length < count) {
      const remaining = deadline - performance.now();
      if (remaining <= 0 || this.ctx.stop.stopped || !session.open) return false;
      await this.ctx.stop.sleep(remaining, new Promise<void>((resolve) => (this.notify = resolve)));
      this.notify = null;
    }
    return true;
  }
}
