import { execSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); never a browser downloaded by Playwright. */
export function chromiumPath(): string | null {
  try {
    return execSync('command -v chromium', { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    // The machine has no network but loopback: keep Chromium from trying to reach out.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
