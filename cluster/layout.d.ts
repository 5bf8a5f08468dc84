/** Types of cluster/layout.js (plain JS so that PM2 can load it through ecosystem.config.js). */
export interface ClusterLayout {
  /** CLUSTER_NAME (default storyverse): prefix of the PM2 app names, name of the runtime folder. */
  name: string;
  clusterPort: number;
  /** host[:port] browsers reach nginx by (CLUSTER_PUBLIC_HOST). */
  publicHost: string;
  sidecars: { name: string; role: 'accounts' | 'catalog' | 'payments'; port: number }[];
  games: { name: string; index: number; port: number; path: string; publicAddress: string }[];
}

export function clusterLayout(env: Record<string, string | undefined>): ClusterLayout;
