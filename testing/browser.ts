import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { itWhenReachable } from './services';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
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

/**
 * Collects what a player would hit as breakage: console errors (Chromium logs a CSP refusal as
 * "Refused to …"), uncaught page errors, `securitypolicyviolation` events (also those not logged),
 * and a page document served without a Content-Security-Policy — so a browser test proves the client
 * works under the policy, not merely without one. Assert the list is empty at the end.
 */
export async function watchPageProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeBinding('__reportCspViolation', async (_source, violation: CspViolation) => {
    if (!(await isKnownEvalProbe(violation))) problems.push(`CSP violation: ${violation.directive} blocked ${violation.blocked || 'inline'} at ${violation.file}:${violation.line}:${violation.column}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation(violation: CspViolation): void }).__reportCspViolation;
      report({ directive: event.violatedDirective, blocked: event.blockedURI, file: event.sourceFile, line: event.lineNumber, column: event.columnNumber });
    });
  });
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' || response.status() >= 300) return;
    if (!response.headers()['content-security-policy']) problems.push(`no Content-Security-Policy on ${response.url()}`);
  });
  return problems;
}

interface CspViolation {
  directive: string;
  blocked: string;
  file: string;
  line: number;
  column: number;
}

/**
 * colyseus.js's MessagePack decoder (msgpackr) feature-tests `try { new Function("") } catch {}` when
 * it loads and, refused, decodes without generated code. Chromium still reports that refusal; it is
 * the one eval refusal that is not breakage, recognised by the exact code at the reported spot.
 */
async function isKnownEvalProbe(violation: CspViolation): Promise<boolean> {
  if (violation.blocked !== 'eval' || !violation.file.startsWith('http')) return false;
  const source = await (await fetch(violation.file)).text();
  const line = source.split('\n')[violation.line - 1] ?? '';
  return line.slice(violation.column - 1).startsWith('new Function("")}catch');
}

/**
 * Reads on until `done` holds, bounded by time (a slow machine only waits longer). A real Space press
 * would race the choices: the overlay focuses its first option when it appears, so a press that lands
 * just after would pick that option. The "go on" key is therefore sent in the page, in the same task
 * that checks no choice is shown — never while one is.
 */
export async function readUntil(page: Page, done: () => Promise<boolean>, timeoutMs = 30_000): Promise<boolean> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    if (await done()) return true;
    await page.evaluate(() => {
      const choicesShown = Array.from(document.querySelectorAll<HTMLElement>('.sv-choices')).some((choices) => !choices.hidden);
      if (!choicesShown) window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', cancelable: true }));
    });
    await page.waitForTimeout(120);
  }
  return done();
}
