import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `server/main.ts` the way `npm start` does (`node --import tsx`, one process: a signal reaches the
 * server itself, not a wrapper relaying it); `whenReady` may signal it once it has printed its URL.
 */
function runMain(env: Record<string, string>, whenReady?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (whenReady && /StoryVerse is running: open http:\/\/localhost:\d+/.test(stdout)) {
        const signal = whenReady;
        whenReady = undefined;
        signal(child);
      }
    });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start (server/main.ts)', () => {
  it('refuses a bad setting with one line naming the variable, before touching anything', async () => {
    const run = await runMain({ KEYS_CAP: 'lots', PORT: '0' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['Invalid configuration: KEYS_CAP must be a whole number from 1 to 1000 (got "lots")']);
  });

  it('prints the URL to open, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'storyverse-main-'));
    try {
      const run = await runMain({ PORT: '0', DATA_DIR: dataDir }, (child) => child.kill('SIGTERM'));
      expect(run.stdout).toMatch(/StoryVerse is running: open http:\/\/localhost:\d+/);
      expect(run.stdout).toMatch(/SIGTERM: shutting down/);
      expect(run.code).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
