import { describe, expect, it } from 'vitest';
import { shouldLookForSpare, SPARE_CHECK_EVERY_MS } from './spare-room';

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
