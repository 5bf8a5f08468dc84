/** The room's timer service (Colyseus' room clock), so timers stop with the room. */
export interface TimerClock {
  setTimeout(callback: () => void, ms: number): { clear(): void };
}

/**
 * The one turn or vote timer a campaign runs. Each is armed under a key naming what it times
 * (kind, beat, whose turn): arming the same key again keeps the running timer, and a timer that
 * fires after its key was replaced or cleared is ignored (`claim`).
 */
export class PlayTimer {
  private timer: { clear(): void } | null = null;
  private key = '';
  /** When the running timer ends (epoch ms, for the players' countdown); 0 when none runs. */
  deadline = 0;

  /** `now`: wall-clock epoch milliseconds, for the deadline shown to players. */
  constructor(private readonly clock: TimerClock, private readonly now: () => number) {}

  /** Arms `key` for `ms` unless it already runs; false when nothing changed. */
  arm(key: string, ms: number, onFire: () => void): boolean {
    if (this.key === key && this.timer) return false;
    this.clear();
    this.key = key;
    this.deadline = this.now() + ms;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      onFire();
    }, ms);
    return true;
  }

  /** True once for the timer that fired under `key`, if nothing replaced it since. */
  claim(key: string): boolean {
    if (this.key !== key) return false;
    this.key = '';
    return true;
  }

  clear(): void {
    this.timer?.clear();
    this.timer = null;
    this.key = '';
    this.deadline = 0;
  }
}
