import { StoryMessage, type StoryJoinOptions } from '../rooms/story/protocol';
import type { RunStats } from './run-stats';
import type { SeededRandom } from './seeded-random';
import type { StopSignal } from './stop-signal';
import { RestFailure, type GuestAccount } from './storyverse-api';
import { JoinFailed, StorySession, type Outcome, type PlayerMessage } from './story-session';

export interface PlayerContext {
  target: string;
  stories: readonly string[];
  thinkMs: number;
  stats: RunStats;
  stop: StopSignal;
}

/** Human pace: every wait is the think time ± 30 %. */
const THINK_JITTER = 0.3;
/** Refusals that mean "this chapter cannot be opened now" — the player moves on; not an error. */
const LOCKED_CODES = new Set(['NO_KEYS', 'CHAPTER_LOCKED']);

/**
 * A seeded reader: a new guest (registered before the run) who opens a story, reads (advance), picks
 * a free unlocked option at each choice (buys nothing), goes on into its next chapter in the same room, and
 * at the very end starts another story (or replays one it knows from its first chapter, which costs
 * no key).
 */
export class SyntheticPlayer {
  /** storyId → the first chapter this player opened in it (replaying it is free). */
  private readonly knownChapters = new Map<string, string>();
  private everConnected = false;

  constructor(private readonly random: SeededRandom, private readonly ctx: PlayerContext) {}

  /** Plays as `account` (registered before the run) until the run stops or nothing is left to open. */
  async run(account: GuestAccount): Promise<void> {
    const { stats, stop, target } = this.ctx;
    let next: StoryJoinOptions | null = { storyId: this.random.pick(this.ctx.stories) };
    while (next && !stop.stopped) {
      let session: StorySession;
      try {
        session = await StorySession.open(target, await account.accessToken(), next, stats, (outcome) => this.count(outcome));
      } catch (error) {
        return this.failed(error);
      }
      if (!this.everConnected) {
        this.everConnected = true;
        stats.playersConnected++;
      }
      next = await this.read(session);
      await session.leave();
    }
  }

  /** Plays one session until the run stops or it is time to open another; returns what to open next. */
  private async read(session: StorySession): Promise<StoryJoinOptions | null> {
    const { stop } = this.ctx;
    const { storyId, chapterId } = session.state;
    if (session.state.status !== 'locked' && !this.knownChapters.has(storyId)) this.knownChapters.set(storyId, chapterId);
    while (!stop.stopped) {
      await stop.sleep(this.random.jitter(this.ctx.thinkMs, THINK_JITTER));
      if (stop.stopped) return null;
      // Dropped (already counted): come back where the saved progress stands.
      if (!session.open) return { storyId };
      const state = session.state;
      if (state.status === 'playing') {
        await this.send(session, StoryMessage.advance, {});
      } else if (state.status === 'choice') {
        const free: string[] = [];
        state.choices.forEach((option) => {
          if (!option.locked && option.cost === 0) free.push(option.id);
        });
        if (free.length === 0) return this.anotherStory();
        await this.send(session, StoryMessage.choose, { choiceId: this.random.pick(free) });
      } else if (state.status === 'ended') {
        if (!state.nextChapterId) return this.anotherStory();
        // On into the next chapter in this same room, as the web client's "Next chapter" does.
        await this.send(session, StoryMessage.next, {});
      } else {
        return this.afterLocked();
      }
    }
    return null;
  }

  private async send(session: StorySession, message: PlayerMessage, payload: object): Promise<void> {
    const { stats } = this.ctx;
    const { outcome, sentAt, rttMs } = await session.act(message, payload);
    if (outcome === null) {
      if (session.open) stats.error('NO_ANSWER', `no state change or refusal within 10 s of ${message}`);
      return;
    }
    // A refusal was counted as it arrived; only scene changes are round trips.
    if (outcome.kind === 'scene') stats.roundTrip(message, sentAt, rttMs);
  }

  /** Any story: a new one opens at its start (a key), a known one replays its first chapter (free). */
  private anotherStory(): StoryJoinOptions {
    const storyId = this.random.pick(this.ctx.stories);
    const known = this.knownChapters.get(storyId);
    return known ? { storyId, chapterId: known } : { storyId };
  }

  /** No key for this chapter: replay one already opened, or stop reading (not an error). */
  private afterLocked(): StoryJoinOptions | null {
    // Only chapters that opened are known, so none of these is the locked one.
    const known = [...this.knownChapters];
    if (known.length > 0) {
      const [storyId, chapterId] = this.random.pick(known);
      return { storyId, chapterId };
    }
    this.ctx.stats.playersLocked++;
    return null;
  }

  private count(outcome: Outcome): void {
    if (outcome.kind === 'error' && !LOCKED_CODES.has(outcome.code)) this.ctx.stats.error(outcome.code);
  }

  private failed(error: unknown): void {
    if (error instanceof RestFailure || error instanceof JoinFailed) this.ctx.stats.error(error.code, error.message);
    else this.ctx.stats.error('PLAYER_FAILED', error instanceof Error ? error.message : String(error));
  }
}
