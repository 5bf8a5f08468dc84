import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Threads, not forks: under a forked worker, Colyseus' optional @pm2/io metrics write to the
    // process channel vitest uses for itself.
    pool: 'threads',
  },
});
