/** Types of cluster/layout.js (plain JS so that PM2 can load it through ecosystem.config.js). */
import type { ModuleRole } from '../server/modules.js';

export interface ClusterLayout {
  /** CLUSTER_NAME (default storyverse): prefix of the PM2 app names, name of the runtime folder. */
  name: string;
  clusterPort: number;
  /** host[:port] browsers reach nginx by (CLUSTER_PUBLIC_HOST). */
  publicHost: string;
  /** How browsers' room sockets reach a game process (CLUSTER_ROOM_SOCKETS): through nginx's `/game-<i>` paths, or at each process's own address. */
  roomSockets: 'origin' | 'direct';
  /** One process per role of server/modules.js except the game role, in the order of its modules. */
  sidecars: { name: string; role: Exclude<ModuleRole, 'game'>; port: number }[];
  /**
   * GAME_PROCESSES processes of the game role, each reached through nginx at its own path — or, with
   * direct room sockets, room sockets at `CLUSTER_GAME_HOST:port` (HTTP still through nginx) and
   * listening on CLUSTER_GAME_BIND_ADDRESS (default 127.0.0.1).
   */
  games: { name: string; index: number; port: number; path: string; publicAddress: string; bindAddress: string }[];
  /** Direct room sockets' ws:/wss: origins, for the web client's CSP (empty through the origin). */
  roomSocketOrigins: string[];
}

export function clusterLayout(env: Record<string, string | undefined>): ClusterLayout;
