// Where every process of the cluster listens: read by ecosystem.config.js (PM2), the nginx
// config renderer and the cluster scripts, so they cannot disagree. Plain JS: PM2 loads it too.
// The processes follow the modules' roles (server/modules.js): one sidecar per role, and
// GAME_PROCESSES processes for the role that hosts rooms.
import { availableParallelism } from 'node:os';
import { GAME_ROLE, MODULE_ROLES } from '../server/modules.js';

/** Sidecars listen at the base port +1, +2, …; game processes from +11, so at most this many sidecar roles. */
const MAX_SIDECARS = 9;

/** How browsers' room sockets reach a game process (CLUSTER_ROOM_SOCKETS). */
const ROOM_SOCKETS = ['origin', 'direct'];

/**
 * @param {Record<string, string | undefined>} env
 * @returns {import('./layout').ClusterLayout}
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
  const roomSockets = env.CLUSTER_ROOM_SOCKETS || 'origin';
  if (!ROOM_SOCKETS.includes(roomSockets)) throw new Error(`CLUSTER_ROOM_SOCKETS must be origin or direct (got ${JSON.stringify(roomSockets)})`);
  const direct = roomSockets === 'direct';
  const gameHost = directOnly(env, direct, 'CLUSTER_GAME_HOST') ?? hostOf(publicHost);
  // nginx (matchmaking) and the health checks reach a game process on 127.0.0.1: loopback, or every interface.
  const gameBindAddress = directOnly(env, direct, 'CLUSTER_GAME_BIND_ADDRESS') ?? '127.0.0.1';
  if (!['127.0.0.1', '0.0.0.0'].includes(gameBindAddress)) throw new Error(`CLUSTER_GAME_BIND_ADDRESS must be 127.0.0.1 or 0.0.0.0 (every interface) (got ${JSON.stringify(gameBindAddress)})`);
  const sidecarRoles = MODULE_ROLES.filter((role) => role !== GAME_ROLE);
  if (sidecarRoles.length > MAX_SIDECARS) throw new Error(`server/modules.js declares ${sidecarRoles.length} sidecar roles; the port plan has room for ${MAX_SIDECARS}`);
  const sidecars = sidecarRoles.map((role, i) => ({ name: `${name}-${role}`, role, port: base + 1 + i }));
  const games = Array.from({ length: count }, (_, i) => {
    const index = i + 1;
    const path = `/game-${index}`;
    const port = base + 10 + index;
    // Direct: a room's frames skip nginx's relay, its CPU and a hop each way (load-tests/RESULTS.md, session 21).
    const publicAddress = direct ? `${gameHost}:${port}` : `${publicHost}${path}`;
    return { name: `${name}-game-${index}`, index, port, path, publicAddress, bindAddress: direct ? gameBindAddress : '127.0.0.1' };
  });
  // The web client's CSP lets it open room sockets there (connect-src), over ws: or wss: as its page was loaded.
  const roomSocketOrigins = direct ? games.flatMap((g) => [`ws://${g.publicAddress}`, `wss://${g.publicAddress}`]) : [];
  return { name, clusterPort, publicHost, roomSockets, sidecars, games, roomSocketOrigins };
}

/** A setting that only means something with direct room sockets: refused otherwise, so a typo'd mode is not silently ignored. */
function directOnly(env, direct, name) {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!direct) throw new Error(`${name} is used only with CLUSTER_ROOM_SOCKETS=direct`);
  if (!/^[0-9A-Za-z.-]+$/.test(value)) throw new Error(`${name} must be a host name or IPv4 address (got ${JSON.stringify(value)})`);
  return value;
}

/** The host part of host[:port]. */
function hostOf(hostAndPort) {
  return hostAndPort.replace(/:\d+$/, '');
}

function whole(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number (got ${JSON.stringify(value)})`);
  return Number(value);
}
