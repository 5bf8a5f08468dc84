import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The game server the dev server forwards to (`npm start` in another terminal).
const backend = process.env.STORYVERSE_BACKEND ?? 'http://localhost:2567';

export default defineConfig({
  root,
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: {
      '/v1': backend,
      '/healthz': backend,
      '/matchmake': backend,
      // Colyseus room sockets: /<processId>/<roomId>
      '^/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+(\\?.*)?$': { target: backend, ws: true },
    },
  },
});
