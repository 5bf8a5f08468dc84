import { describe, expect, it } from 'vitest';
import { preparePlayers } from './prepare-players';
import { RunStats } from './run-stats';
import { RestFailure } from './storyverse-api';

describe('preparePlayers', () => {
  it('makes every player at most N at once, and reports progress', async () => {
    let inFlight = 0;
    let most = 0;
    let made = 0;
    const lines: string[] = [];
    const prepared = await preparePlayers('guests', 20, 4, async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return ++made;
    }, new RunStats(), { log: (line) => lines.push(line) });
    expect(prepared.items.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(most).toBe(4);
    expect(prepared.seconds).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^prepared 20 of 20 guests in /);
  });

  it('counts a refused player as an error under its code and leaves it out', async () => {
    const stats = new RunStats();
    let calls = 0;
    const prepared = await preparePlayers('guests', 6, 2, async () => {
      calls++;
      if (calls % 3 === 0) throw new RestFailure('GUEST_RATE_LIMITED', 'POST /v1/auth/guest → 429');
      if (calls === 5) throw new Error('socket hang up');
      return calls;
    }, stats, {});
    expect(prepared.items).toHaveLength(3);
    expect(Object.fromEntries(stats.errorsByCode)).toEqual({ GUEST_RATE_LIMITED: 2, PREPARE_FAILED: 1 });
  });
});
