import { DomainError } from '../shared/domain-error';

/** A releaseAt this far behind the server's clock is still "now": the writer's clock, or the request, lagged. */
export const RELEASE_PAST_TOLERANCE_MS = 60_000;
/** Scheduling further ahead than this is a typo (a year off), not a plan. */
export const RELEASE_MAX_AHEAD_DAYS = 366;

/**
 * When a publish becomes visible to readers: `requested` (an ISO 8601 time already checked for
 * shape), or `now` when absent. Refuses a time more than a minute past (RELEASE_IN_PAST: omitting it
 * publishes now) or more than 366 days ahead (RELEASE_TOO_FAR).
 */
export function releaseTime(requested: string | undefined, now: Date): Date {
  if (requested === undefined) return now;
  const at = new Date(requested);
  if (at.getTime() < now.getTime() - RELEASE_PAST_TOLERANCE_MS) {
    throw new DomainError('RELEASE_IN_PAST', `releaseAt ${requested} is in the past; omit releaseAt to publish now`, { releaseAt: requested, now: now.toISOString() });
  }
  const latest = new Date(now.getTime() + RELEASE_MAX_AHEAD_DAYS * 24 * 3600 * 1000);
  if (at > latest) {
    throw new DomainError('RELEASE_TOO_FAR', `releaseAt ${requested} is more than ${RELEASE_MAX_AHEAD_DAYS} days ahead; schedule it before ${latest.toISOString()}`, { releaseAt: requested, latest: latest.toISOString() });
  }
  return at;
}
