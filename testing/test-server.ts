import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStoryVerse, type StoryVerse } from '../server/composition';
import { loadConfig } from '../server/config/config';
import { createScratchPostgres } from '../server/database/scratch-postgres';
import type { Clock } from '../server/shared/clock';
import { silentLogger } from '../server/shared/logger';
import type { Engine } from './test-database';
import { freePort } from '../rooms/shared/free-port';
import { readJsonResponse, type JsonResponse } from './json-response';

export interface TestServer extends StoryVerse {
  /** fetch against the server; JSON in, parsed JSON out (when there is a body). */
  call(method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<JsonResponse>;
}

/**
 * The real composition (`startStoryVerse`) on a random port with a throwaway database of the
 * given engine and a throwaway DATA_DIR; `close()` removes both.
 */
export async function startTestServer(engine: Engine, env: Record<string, string> = {}, clock?: Clock): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'storyverse-test-'));
  const scratch = engine === 'postgresql' ? await createScratchPostgres() : undefined;
  // A concrete port (not 0): Colyseus' test client reads the port the server was asked for.
  // TRANSPORT from the environment (CI's Node 24 run sets ws) unless the test asks for one.
  const transport = process.env.TRANSPORT ? { TRANSPORT: process.env.TRANSPORT } : {};
  const config = loadConfig({ PORT: String(await freePort()), DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...transport, ...(scratch ? { DATABASE_URL: scratch.url } : {}), ...env });
  const app = await startStoryVerse(config, { clock, logger: silentLogger });
  return {
    ...app,
    call: async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      return readJsonResponse(await fetch(`http://127.0.0.1:${app.port}${path}`, { method, headers, body, redirect: 'manual' }));
    },
    close: async () => {
      await app.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

