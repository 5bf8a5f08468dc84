import { describe, expect, it } from 'vitest';
import { runFrame } from './run-frame';
import { RunStats } from './run-stats';

// No server: /metrics is unreachable (the figures are null); only the launching of players is looked at.
const NO_SERVER = 'http://127.0.0.1:9';

describe('runFrame', () => {
  it('starts every player whose time has come at once, not one per turn of the event loop', async () => {
    let started = 0;
    let firstTimer: Promise<number> | null = null;
    await runFrame({ target: NO_SERVER, clients: 200, rampS: 0, durationS: null }, new RunStats(), {}, async (index) => {
      started++;
      // A timer set by the first player fires on the next turn: with a ramp of 0 s, all 200 are in by then.
      if (index === 0) firstTimer = new Promise((resolve) => setTimeout(() => resolve(started), 0));
    });
    expect(started).toBe(200);
    expect(await firstTimer).toBe(200);
  });

  it('spreads players over the ramp', async () => {
    const startedAt: number[] = [];
    const begin = performance.now();
    await runFrame({ target: NO_SERVER, clients: 5, rampS: 0.4, durationS: null }, new RunStats(), {}, async () => {
      startedAt.push(performance.now() - begin);
    });
    expect(startedAt).toHaveLength(5);
    // Player i starts no earlier than i × 80 ms (timers may fire late, never early).
    startedAt.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(i * 80 - 1));
  });
});
