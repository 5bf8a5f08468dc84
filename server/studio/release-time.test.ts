import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error';
import { releaseTime } from './release-time';

const NOW = new Date('2026-06-01T12:00:00.000Z');

function refusal(requested: string): DomainError {
  try {
    releaseTime(requested, NOW);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`${requested} was accepted`);
}

describe('release time of a publish', () => {
  it('is now when none is asked for', () => {
    expect(releaseTime(undefined, NOW)).toEqual(NOW);
  });

  it('is the time asked for, in any offset', () => {
    expect(releaseTime('2026-06-02T09:30:00+02:00', NOW).toISOString()).toBe('2026-06-02T07:30:00.000Z');
  });

  it('takes a time up to a minute behind the clock (it is then due at once)', () => {
    expect(releaseTime('2026-06-01T11:59:00.000Z', NOW).toISOString()).toBe('2026-06-01T11:59:00.000Z');
  });

  it('refuses a time more than a minute past, saying to omit it to publish now', () => {
    const error = refusal('2026-06-01T11:58:59.000Z');
    expect(error.code).toBe('RELEASE_IN_PAST');
    expect(error.message).toMatch(/omit releaseAt to publish now/);
  });

  it('refuses a time more than 366 days ahead, but not 366 days exactly', () => {
    expect(releaseTime('2027-06-02T12:00:00.000Z', NOW).toISOString()).toBe('2027-06-02T12:00:00.000Z');
    expect(refusal('2027-06-02T12:00:01.000Z').code).toBe('RELEASE_TOO_FAR');
    expect(refusal('9999-01-01T00:00:00Z').code).toBe('RELEASE_TOO_FAR');
  });
});
