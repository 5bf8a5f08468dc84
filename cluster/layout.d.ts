/** Types of cluster/layout.js (plain JS so that PM2 can load it through ecosystem.config.js). */
import type { ModuleRole } from '../server/modules.js';

export interface ClusterLayout {
  /** CLUSTER_NAME (default storyverse): prefix of the PM2 app names, name of the runtime folder. */
  name: string;
  clusterPort: number;
  /** host[:port] browsers reach nginx by (CLUSTER_PUBLIC_HOST). */
  publicHost: string;
  /** One process per role of server/modules.js except the game role, in the order of its modules. */
  sidecars: { name: string; role: Exclude<ModuleRole, 'game'>; port: number }[];
  /** GAME_PROCESSES processes of the game role, each reached through nginx at its own path. */
  games: { name: string; index: number; port: number; path: string; publicAddress: string }[];
}

export function clusterLayout(env: Record<string, string | undefined>): ClusterLayout;
