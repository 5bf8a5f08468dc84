// Where every process of the cluster listens: read by ecosystem.config.js (PM2), the nginx
// config renderer and the cluster scripts, so they cannot disagree. Plain JS: PM2 loads it too.
// The processes follow the modules' roles (server/modules.js): one sidecar per role, and
// GAME_PROCESSES processes for the role that hosts rooms.
import { availableParallelism } from 'node:os';
import { GAME_ROLE, MODULE_ROLES } from '../server/modules.js';

/** Sidecars listen at the base port +1, +2, …; game processes from +11, so at most this many sidecar roles. */
const MAX_SIDECARS = 9;

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ name: string, clusterPort: number, publicHost: string, sidecars: { name: string, role: string, port: number }[], games: { name: string, index: number, port: number, path: string, publicAddress: string }[] }}
 */
export function clusterLayout(env) {
  // Names the PM2 apps (and the runtime folder): two clusters can share a machine and a PM2.
  const name = env.CLUSTER_NAME || 'storyverse';
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(name)) throw new Error(`CLUSTER_NAME must be lower-case letters, digits and dashes (got ${JSON.stringify(name)})`);
  const clusterPort = whole(env.CLUSTER_PORT, 8080, 'CLUSTER_PORT');
  const base = whole(env.CLUSTER_INTERNAL_BASE_PORT, clusterPort, 'CLUSTER_INTERNAL_BASE_PORT');
  const count = whole(env.GAME_PROCESSES, availableParallelism(), 'GAME_PROCESSES');
  if (count < 1 || count > 64) throw new Error(`GAME_PROCESSES must be from 1 to 64 (got ${count})`);
  // The host browsers reach nginx by; room sockets are addressed to it (Colyseus publicAddress).
  const publicHost = env.CLUSTER_PUBLIC_HOST || `127.0.0.1:${clusterPort}`;
  const sidecarRoles = MODULE_ROLES.filter((role) => role !== GAME_ROLE);
  if (sidecarRoles.length > MAX_SIDECARS) throw new Error(`server/modules.js declares ${sidecarRoles.length} sidecar roles; the port plan has room for ${MAX_SIDECARS}`);
  const sidecars = sidecarRoles.map((role, i) => ({ name: `${name}-${role}`, role, port: base + 1 + i }));
  const games = Array.from({ length: count }, (_, i) => {
    const index = i + 1;
    const path = `/game-${index}`;
    return { name: `${name}-game-${index}`, index, port: base + 10 + index, path, publicAddress: `${publicHost}${path}` };
  });
  return { name, clusterPort, publicHost, sidecars, games };
}

function whole(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number (got ${JSON.stringify(value)})`);
  return Number(value);
}
