/**
 * A token bucket per client: `burst` messages at once, refilled at `perSecond`. Rooms drop (and
 * answer RATE_LIMITED to) messages beyond it, so one client cannot flood a room actor.
 */
export class MessageBudget {
  private tokens: number;
  private lastRefill: number;

  constructor(private readonly burst: number, private readonly perSecond: number, now: number) {
    this.tokens = burst;
    this.lastRefill = now;
  }

  /** Takes one token if there is one; `now` in milliseconds (the room clock). */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.lastRefill) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
