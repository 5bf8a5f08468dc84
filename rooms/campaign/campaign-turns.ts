import type { CampaignTimings } from './campaign-room-deps';
import type { CampaignSeats } from './campaign-seats';
import { partyOf, type CampaignEvent, type CampaignModel } from './rules/model';
import { voteOutcome } from './rules/vote-outcome';
import { PlayTimer, type TimerClock } from './play-timer';

/** What keeping play moving needs from the room. Every method runs inside the room's mailbox. */
export interface TurnsTable {
  model(): CampaignModel;
  /** Who is here, and who dropped. */
  seats: Pick<CampaignSeats, 'isHere' | 'hasDropped'>;
  commit(event: CampaignEvent): Promise<void>;
  /** Whether the game master is telling a beat now. */
  narrating(): boolean;
  /** Starts telling the pending beat. */
  narrate(): void;
  /** Runs timer work through the room's mailbox. */
  inMailbox(job: () => Promise<void>): void;
  /** The deadline changed: show it to the players. */
  show(): void;
}

/**
 * Turns and votes over time: passes a turn that cannot be played, closes a vote once it is
 * decided, and runs the turn or vote timer (a turn that runs out passes on; a vote that runs out
 * goes to the most-voted choice — but a vote nobody cast waits, without a timer, until someone
 * votes: each vote restarts the timer).
 */
export class CampaignTurns {
  private readonly timer: PlayTimer;
  /** The vote timer that ran out with no votes: not armed again until a vote changes the key. */
  private waitingFor = '';

  constructor(private readonly table: TurnsTable, clock: TimerClock, now: () => number, private readonly timings: CampaignTimings) {
    this.timer = new PlayTimer(clock, now);
  }

  /** When the running turn or vote ends (epoch ms), 0 when none runs. */
  get deadline(): number {
    return this.timer.deadline;
  }

  /** After anything that changes who is here: pass turns that cannot be played, close decided votes, (re)arm timers. */
  async keepPlayMoving(): Promise<void> {
    const model = this.table.model();
    if (model.phase === 'acting') {
      const here = partyOf(model).filter((p) => this.table.seats.isHere(p.id));
      if (here.length === 0) return this.clear();
      // A dropped player's turn passes at once; one who has not come back since a resume keeps
      // it until the turn timer runs out (so a restarted campaign waits for its party).
      for (let i = 0; i < model.players.length && model.turn && this.table.seats.hasDropped(model.turn); i++) {
        await this.table.commit({ type: 'turn_skipped', playerId: model.turn });
      }
      this.arm('turn');
    } else if (model.phase === 'voting') {
      if (!(await this.closeVoteIfDecided(false))) this.arm('vote');
    } else if (model.phase === 'narrating' && !this.table.narrating() && model.pending) {
      // Resumed from a log that stopped mid-beat: tell the beat now.
      this.table.narrate();
    }
  }

  /** Closes the vote when its outcome is decided (or when it ran out); true when it closed. */
  async closeVoteIfDecided(timedOut: boolean): Promise<boolean> {
    const model = this.table.model();
    if (model.phase !== 'voting') return false;
    const voters = partyOf(model).filter((p) => this.table.seats.isHere(p.id)).map((p) => p.id);
    if (voters.length === 0) return false;
    const result = voteOutcome(model, voters, timedOut);
    if (result === null) return false;
    await this.table.commit({ type: 'vote_closed', choiceId: result.choiceId, tally: result.tally, tieBrokenBy: result.tieBrokenBy });
    this.table.narrate();
    return true;
  }

  /** The host left: the first player still here hosts. */
  async handOverIfHostAway(): Promise<void> {
    const model = this.table.model();
    if (model.hostId !== null && this.table.seats.isHere(model.hostId)) return;
    const next = partyOf(model).find((p) => this.table.seats.isHere(p.id));
    if (next && next.id !== model.hostId) await this.table.commit({ type: 'host', playerId: next.id });
  }

  clear(): void {
    this.timer.clear();
  }

  private arm(kind: 'turn' | 'vote'): void {
    const model = this.table.model();
    const key = kind === 'turn' ? `turn:${model.beat}:${model.turn ?? ''}` : `vote:${model.beat}:${model.votesCast}`;
    if (key === this.waitingFor) return;
    const ms = (kind === 'turn' ? this.timings.turnSeconds : this.timings.voteSeconds) * 1000;
    const armed = this.timer.arm(key, ms, () =>
      this.table.inMailbox(async () => {
        if (!this.timer.claim(key)) return;
        const turn = this.table.model().phase === 'acting' ? this.table.model().turn : null;
        if (kind === 'turn' && turn) await this.table.commit({ type: 'turn_skipped', playerId: turn });
        if (kind === 'vote' && !(await this.closeVoteIfDecided(true))) {
          this.waitingFor = key;
          this.timer.clear();
          this.table.show(); // the deadline is gone: the party sees the vote waiting for them
        }
        await this.keepPlayMoving();
      }),
    );
    if (armed) this.table.show();
  }
}
