import { describe, expect, it } from 'vitest';
import { measureJoins, measureMessages } from './room-floor';

const nodeMajor = Number(process.versions.node.split('.')[0]);
const uwsLoads = await import('uWebSockets.js').then(() => true, () => false);
// The floor is measured on the uWS transport, whose Node 22/24 builds need glibc 2.38 (Debian 12 has 2.36). On Node 20 it must run.
const floorRuns = uwsLoads || nodeMajor <= 20;
if (!floorRuns) console.warn(`\n⚠️  SKIPPED bench:floor's windows: uWebSockets.js cannot load on Node ${process.versions.node} here (glibc < 2.38)\n`);

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
