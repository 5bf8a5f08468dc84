import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso, scheduleProblem } from './schedule-time';

describe('the schedule input in local time and the API in UTC', () => {
  it('reads a datetime-local value as that wall-clock time in the browser’s zone', () => {
    // The Date constructor with parts is local time in whatever zone the test runs in.
    expect(localInputToIso('2026-11-22T18:30')).toBe(new Date(2026, 10, 22, 18, 30).toISOString());
    expect(localInputToIso('2026-03-01T00:00:07')).toBe(new Date(2026, 2, 1, 0, 0, 7).toISOString());
    expect(localInputToIso('2026-03-01T00:00:07.5')).toBe(new Date(2026, 2, 1, 0, 0, 7, 500).toISOString());
  });

  it('gives an ISO UTC string the API accepts', () => {
    expect(localInputToIso('2026-11-22T18:30')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of ['', 'tomorrow', '2026-02-31T10:00', '2026-13-01T10:00', '2026-11-22T24:00', '2026-11-22T10:60', '2026-11-22 10:00', '2026-11-22']) {
      expect(localInputToIso(bad), bad).toBeNull();
    }
  });

  it('turns an ISO instant back into the same local input value', () => {
    const iso = new Date(2027, 0, 5, 9, 4, 3).toISOString();
    expect(isoToLocalInput(iso)).toBe('2027-01-05T09:04:03');
    expect(localInputToIso(isoToLocalInput(iso))).toBe(iso);
  });
});

describe('what may be scheduled', () => {
  const now = new Date(2026, 10, 22, 12, 0, 0);

  it('accepts a time ahead', () => {
    expect(scheduleProblem('2026-11-22T12:00:05', now)).toBeNull();
  });

  it('asks for a time when empty, and explains a bad or past one', () => {
    expect(scheduleProblem(' ', now)).toMatch(/choose a date and time/i);
    expect(scheduleProblem('2026-02-30T10:00', now)).toMatch(/not a date/i);
    expect(scheduleProblem('2026-11-22T12:00', now)).toMatch(/already passed.*publish now/i);
    expect(scheduleProblem('2026-11-22T11:59:59', now)).toMatch(/already passed/i);
  });
});
