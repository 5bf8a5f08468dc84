/**
 * Whether the uWS baselines (the echo, bench:floor) can run here. uWebSockets.js' Node 22/24 builds need
 * glibc 2.38 (Debian 12 has 2.36); on Node 20 it loads, so there a baseline's test must run.
 */
const nodeMajor = Number(process.versions.node.split('.')[0]);
const uwsLoads = await import('uWebSockets.js').then(() => true, () => false);

/** True when `what`'s test can run here; otherwise says, once, that it is skipped and why. */
export function uwsBaselineRuns(what: string): boolean {
  const runs = uwsLoads || nodeMajor <= 20;
  if (!runs) console.warn(`\n⚠️  SKIPPED ${what}: uWebSockets.js cannot load on Node ${process.versions.node} here (glibc < 2.38)\n`);
  return runs;
}
