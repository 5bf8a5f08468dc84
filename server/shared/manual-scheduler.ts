import type { ManualClock } from './clock';
import type { Cancel, Scheduler } from './scheduler';

interface Timer {
  at: number;
  callback: () => void;
}

/** A scheduler tests drive by hand, on a ManualClock: advancing the clock fires what came due. */
export class ManualScheduler implements Scheduler {
  private timers: Timer[] = [];

  constructor(private readonly clock: ManualClock) {}

  after(ms: number, callback: () => void): Cancel {
    const timer = { at: this.clock.now().getTime() + ms, callback };
    this.timers.push(timer);
    return () => void (this.timers = this.timers.filter((t) => t !== timer));
  }

  /** Moves the clock on, then fires every timer that came due, earliest first. */
  advance(seconds: number): void {
    this.clock.advance(seconds);
    const now = this.clock.now().getTime();
    const due = this.timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => t.at > now);
    for (const timer of due) timer.callback();
  }

  /** When each pending timer fires, earliest first. */
  pending(): Date[] {
    return this.timers.map((t) => t.at).sort((a, b) => a - b).map((at) => new Date(at));
  }
}
