import { uwsLoads, type TransportKind } from '../server/game/transport';

const nodeMajor = Number(process.versions.node.split('.')[0]);

/**
 * The transports a suite runs its server on: uWS and ws. On Node 22 and later uWS is left out,
 * loudly, where its binary cannot load (those builds need glibc 2.38; Debian 12 has 2.36) — the
 * server falls back to ws there, which the ws case already covers. On Node 20 uWS must load.
 */
export async function transportsUnderTest(): Promise<TransportKind[]> {
  if (nodeMajor <= 20 || (await uwsLoads())) return ['uws', 'ws'];
  console.warn(`\n⚠️  SKIPPED the uws transport: uWebSockets.js cannot load on Node ${process.versions.node} here (glibc < 2.38); ws only\n`);
  return ['ws'];
}
