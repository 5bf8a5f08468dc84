import type { Outcome } from './outcome';

export interface RateLimit {
  /** Actions allowed at once. */
  burst: number;
  /** Seconds until one more is allowed. */
  refillSeconds: number;
}

/** Reactions come in bursts (a reader taps a few), comments are typed: fewer and slower. */
export const READER_LIMITS: Record<'react' | 'comment', RateLimit> = {
  react: { burst: 10, refillSeconds: 1 },
  comment: { burst: 3, refillSeconds: 10 },
};

/**
 * Per-reader token buckets, keyed by user id (not by connection: a second tab shares the budget).
 * Pure: the caller passes the time, so the rule is tested without clocks.
 */
export class ReaderRateLimits {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: Record<string, RateLimit> = READER_LIMITS) {}

  take(userId: string, kind: string, nowMs: number): Outcome<void> {
    const limit = this.limits[kind];
    if (!limit) throw new Error(`no rate limit for ${kind}`);
    const key = `${kind}:${userId}`;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: nowMs };
    const refilled = Math.min(limit.burst, bucket.tokens + Math.max(0, nowMs - bucket.at) / (limit.refillSeconds * 1000));
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: nowMs });
      const retryAfterSeconds = Math.ceil((1 - refilled) * limit.refillSeconds);
      return { ok: false, refusal: { code: 'RATE_LIMITED', message: `Slow down: try again in ${retryAfterSeconds} s`, details: { retryAfterSeconds } } };
    }
    this.buckets.set(key, { tokens: refilled - 1, at: nowMs });
    return { ok: true, value: undefined };
  }

  /** A reader who left: their buckets go (a rejoin starts full, which a bucket would reach anyway). */
  forget(userId: string): void {
    for (const kind of Object.keys(this.limits)) this.buckets.delete(`${kind}:${userId}`);
  }
}
