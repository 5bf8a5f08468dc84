import { describe, expect, it } from 'vitest';
import { shouldLookForSpare, SPARE_CHECK_EVERY_MS, sparesToOpen } from './spare-room';

describe('when a filling room looks for a spare', () => {
  it('looks once it is half full, not before', () => {
    expect(shouldLookForSpare(49, 100, 0, 0)).toBe(false);
    expect(shouldLookForSpare(50, 100, 0, 0)).toBe(true);
    expect(shouldLookForSpare(100, 100, 0, 0)).toBe(true);
    // A room of one seat is full with its first reader, and its next reader needs another room.
    expect(shouldLookForSpare(1, 1, 0, 0)).toBe(true);
    expect(shouldLookForSpare(0, 1, 0, 0)).toBe(false);
  });

  it('looks at most once a second while joins keep coming', () => {
    const lookedAt = 5_000;
    const next = lookedAt + SPARE_CHECK_EVERY_MS;
    expect(shouldLookForSpare(80, 100, lookedAt + 10, next)).toBe(false);
    expect(shouldLookForSpare(80, 100, next - 1, next)).toBe(false);
    expect(shouldLookForSpare(80, 100, next, next)).toBe(true);
  });

  it('never looks for a room without a seat limit', () => {
    expect(shouldLookForSpare(1_000, Infinity, 0, 0)).toBe(false);
  });
});

describe('how many spares a filling room opens', () => {
  it('keeps two rooms\' worth of free seats in the other rooms, opening what is missing', () => {
    expect(sparesToOpen(0, 100)).toBe(2);
    expect(sparesToOpen(40, 100)).toBe(2);
    expect(sparesToOpen(100, 100)).toBe(1);
    expect(sparesToOpen(199, 100)).toBe(1);
    expect(sparesToOpen(200, 100)).toBe(0);
    expect(sparesToOpen(350, 100)).toBe(0);
    expect(sparesToOpen(0, 2)).toBe(2);
  });
});
