// PM2 ecosystem of the StoryVerse cluster (README "Running a cluster"). `npm run cluster:start`
// uses it; `pm2 start ecosystem.config.js` works too once DATABASE_URL, REDIS_URL and JWT_SECRET
// are exported. PM2 loads it with require(); Node 20.19+ loads an ES module that way, so it is ESM
// like the rest of the package and exports `apps` by name.
//
// Fork mode, one process per app, one app per process of cluster/layout.js — which follows the
// modules' roles (server/modules.js): N game processes (GAME_PROCESSES, default the CPU count), each
// on its own port bound to 127.0.0.1 with its own PUBLIC_ADDRESS pointing through nginx
// (`<CLUSTER_PUBLIC_HOST>:<CLUSTER_PORT>/game-<i>`; with CLUSTER_ROOM_SOCKETS=direct, at its own
// `<CLUSTER_GAME_HOST>:<port>`), and one sidecar per other role (accounts,
// catalog, payments). Ports: sidecars at CLUSTER_PORT+1.., game processes at CLUSTER_PORT+11..
import { clusterLayout } from './cluster/layout.js';
import { GAME_ROLE } from './server/modules.js';

const layout = clusterLayout(process.env);

/**
 * Settings every process shares, from the environment of `pm2 start` (or cluster:start). Every
 * variable of server/config/config.ts is either here or set per process below
 * (cluster/ecosystem.test.ts keeps the two in step).
 */
export const SHARED_SETTINGS = [
    'DATABASE_URL', 'DATABASE_POOL_SIZE', 'REDIS_URL', 'JWT_SECRET', 'CONTENT_DIR', 'DATA_DIR', 'LOG_LEVEL', 'TRANSPORT', 'ADMIN_TOKEN',
    'KEYS_CAP', 'KEY_REGEN_SECONDS', 'WELCOME_DIAMONDS', 'WRITER_SHARE_PERCENT', 'AUTH_RATE_LIMIT_PER_MINUTE', 'GUEST_RATE_LIMIT_PER_MINUTE',
    'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'GM_MODEL',
    'RECORD_SESSIONS', 'RECORDINGS_DIR', 'CLUSTER_SWEEP_SECONDS', 'STORE_PACKS', 'PAYMENTS_SANDBOX',
    'CAMPAIGN_DAILY_TURNS', 'CAMPAIGN_TURN_SECONDS', 'CAMPAIGN_VOTE_SECONDS', 'CERTIFICATE_SIGNING_KEY',
    'ASSET_STORE_URL', 'S3_ENDPOINT', 'S3_REGION', 'STUDIO_MAX_ASSET_BYTES',
    'READING_ROOM_SIZE', 'READING_PATCH_MS', 'READING_LIVE_COMMENTS_PER_SECOND', 'STEP_BATCH_MAX_SIZE', 'STEP_BATCH_MAX_WAIT_MS',
];
/** Set by this file for each process. */
export const PER_PROCESS_SETTINGS = ['NODE_ENV', 'TRUST_PROXY', 'BIND_ADDRESS', 'ROLE', 'PORT', 'PUBLIC_ADDRESS', 'ROOM_SOCKET_ORIGINS'];

const shared = Object.fromEntries(
  SHARED_SETTINGS
    .filter((name) => process.env[name] !== undefined && process.env[name] !== '')
    .map((name) => [name, process.env[name]]),
);

// Direct room sockets (CLUSTER_ROOM_SOCKETS=direct): every page the cluster serves may open them (its CSP).
const roomSocketOrigins = layout.roomSocketOrigins.length > 0 ? { ROOM_SOCKET_ORIGINS: layout.roomSocketOrigins.join(',') } : {};

const app = (name, env) => ({
  name,
  script: 'cluster/process.mjs',
  interpreter: 'node',
  // A 64 MiB young generation: a join or a step leaves short-lived garbage, and the default 16 MiB
  // made scavenges ~9 % of a game process's CPU (load-tests/RESULTS.md: joins ~20 % cheaper).
  node_args: ['--max-semi-space-size=64', '--import', 'tsx'],
  exec_mode: 'fork',
  instances: 1,
  autorestart: true,
  // The process sends 'ready' once listening (server/main.ts).
  wait_ready: true,
  listen_timeout: 60_000,
  // PM2 stops a process with SIGINT (its daemon-wide PM2_KILL_SIGNAL; PM2 7 has no per-app signal).
  // server/main.ts treats SIGINT and SIGTERM alike: stop new joins, let rooms save, close
  // connections, exit within 10 s — before PM2 resorts to SIGKILL.
  kill_timeout: 15_000,
  merge_logs: true,
  time: false,
  env: { NODE_ENV: 'production', TRUST_PROXY: 'true', BIND_ADDRESS: '127.0.0.1', ...roomSocketOrigins, ...shared, ...env },
});

export const apps = [
  ...layout.sidecars.map((s) => app(s.name, { ROLE: s.role, PORT: String(s.port) })),
  ...layout.games.map((g) => app(g.name, { ROLE: GAME_ROLE, PORT: String(g.port), PUBLIC_ADDRESS: g.publicAddress, BIND_ADDRESS: g.bindAddress })),
];

export default { apps };
