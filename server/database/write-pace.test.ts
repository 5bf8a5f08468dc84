import { describe, expect, it } from 'vitest';
import { WritePace } from './write-pace';

/** How many of `count` writes, `gapMs` apart, the pace gathers (from a pace that has seen `pace`'s writes). */
function gathered(pace: WritePace, clock: { now: number }, count: number, gapMs: number): boolean[] {
  return Array.from({ length: count }, () => {
    clock.now += gapMs;
    return pace.shouldGather();
  });
}

describe('WritePace', () => {
  it('starts slow: the first write on an idle server goes at once', () => {
    const clock = { now: 1_000_000 };
    expect(new WritePace(10, () => clock.now).shouldGather()).toBe(false);
  });

  it('gathers once writes come faster than one per wait, within a few writes of the change', () => {
    const clock = { now: 0 };
    const pace = new WritePace(10, () => clock.now);
    const answers = gathered(pace, clock, 40, 2);
    const firstGathered = answers.indexOf(true);
    expect(firstGathered).toBeGreaterThan(0);
    expect(firstGathered).toBeLessThan(20);
    expect(answers.slice(firstGathered).every(Boolean)).toBe(true);
  });

  it('never gathers writes that come slower than one per wait', () => {
    const clock = { now: 0 };
    const pace = new WritePace(10, () => clock.now);
    expect(gathered(pace, clock, 200, 12).some(Boolean)).toBe(false);
    expect(gathered(pace, clock, 200, 8).slice(-100).every(Boolean)).toBe(true);
  });

  it('goes at once again after an idle spell: one long gap is enough', () => {
    const clock = { now: 0 };
    const pace = new WritePace(10, () => clock.now);
    expect(gathered(pace, clock, 100, 1).at(-1)).toBe(true);
    expect(gathered(pace, clock, 1, 5_000)).toEqual([false]);
  });

  it('with no wait, never gathers', () => {
    const clock = { now: 0 };
    const pace = new WritePace(0, () => clock.now);
    expect(gathered(pace, clock, 50, 0).some(Boolean)).toBe(false);
  });
});
