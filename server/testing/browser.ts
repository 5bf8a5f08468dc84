import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { itWhenReachable } from './services';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where browser tests leave their screenshots (gitignored). */
export const SCREENSHOT_DIR = `${ROOT}test-artifacts/screenshots`;

/** Debian's chromium (installed by .ci/run); never a browser downloaded by Playwright. */
export function chromiumPath(): string | null {
  try {
    return execSync('command -v chromium', { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** `it` for a browser test: skipped loudly without chromium, a failure under REQUIRE_SERVICES=1. */
export function itWithChromium(executable: string | null) {
  return itWhenReachable(executable !== null, 'Debian chromium (apt-get install chromium)');
}

/** Builds client/dist when its sources are newer (as `npm start` does) and makes the screenshot folder. */
export function prepareWebClient(): void {
  const build = spawnSync(process.execPath, ['client/build-if-needed.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the client did not build: ${build.stdout}${build.stderr}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    // The machine has no network but loopback: keep Chromium from trying to reach out.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
