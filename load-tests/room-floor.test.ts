import { describe, expect, it } from 'vitest';
import { uwsBaselineRuns } from './baselines/uws-here';
import { measureJoins, measureMessages } from './room-floor';

// The floor is measured on the uWS transport.
const floorRuns = uwsBaselineRuns("bench:floor's windows");

// Figures are printed by bench:floor, never asserted: this only shows each window runs a real room and counts what it answers.
describe.runIf(floorRuns)('bench:floor windows', () => {
  const options = { players: 4, periodMs: 200, seconds: 1, database: null };

  it('answers every message of a scene room with a patch and reads the server process CPU for them', async () => {
    const scene = await measureMessages('scene', options);
    // 4 players, one message each 200 ms: about 20 a second.
    expect(scene.perSecond).toBeGreaterThan(10);
    expect(scene.cpuMs).toBeGreaterThan(0);
  }, 30_000);

  it('makes, joins and leaves rooms in a loop and reads the CPU per join', async () => {
    const joins = await measureJoins(options);
    expect(joins.perSecond).toBeGreaterThan(1);
    expect(joins.cpuMs).toBeGreaterThan(0);
  }, 30_000);
});
