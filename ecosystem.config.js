// PM2 ecosystem for the cluster (see README "Cluster"). Issue 6 completes it: N game processes,
// the sidecars as their own processes, and nginx in front. Shared settings come from the
// environment of `pm2 start`: DATABASE_URL, REDIS_URL and JWT_SECRET must be set.
const GAME_PROCESSES = Number(process.env.GAME_PROCESSES || 2);
const BASE_PORT = Number(process.env.GAME_BASE_PORT || 2567);

module.exports = {
  apps: Array.from({ length: GAME_PROCESSES }, (_, i) => ({
    name: `storyverse-game-${i + 1}`,
    script: 'node_modules/.bin/tsx',
    args: 'server/main.ts',
    env: {
      NODE_ENV: 'production',
      PORT: String(BASE_PORT + i),
      PUBLIC_ADDRESS: `127.0.0.1:${BASE_PORT + i}`,
    },
    kill_timeout: 12000,
  })),
};
