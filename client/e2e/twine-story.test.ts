/**
 * A Twine story in the web client, in real Chromium: imported by the content command's importer into
 * scenes, served like any story, played to its end with the same room protocol (links as choices,
 * `Name:` lines as dialogue, text inside `(if:)` hooks shown only when it holds).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { importStoryFile } from '../../content-pipeline/src/import/import-story-file';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, readUntil, watchPageProblems } from '../../testing/browser';
import { startTestServer, type TestServer } from '../../testing/test-server';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);
const HARLOWE_SOURCE = fileURLToPath(new URL('../../content-pipeline/fixtures/import/twine/harlowe-twee/source.twee', import.meta.url));

describe('the web client playing an imported Twine story', () => {
  let server: TestServer;
  let browser: Browser;
  let content: string;

  beforeAll(async () => {
    if (!executable) return;
    content = await mkdtemp(join(tmpdir(), 'twine-e2e-'));
    const report = await importStoryFile(HARLOWE_SOURCE, join(content, 'lighthouse-daughter'), { storyId: 'lighthouse-daughter' });
    if (!report.ok) throw new Error(`the fixture did not import: ${JSON.stringify(report)}`);
    prepareWebClient();
    server = await startTestServer('sqlite', { CONTENT_DIR: content });
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (content) await rm(content, { recursive: true, force: true });
  });

  itInBrowser('a guest climbs, lights the lamp and reaches the harbour, where the conditional line tells what they did', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    const readTo = async (target: ReturnType<typeof page.getByRole>): Promise<void> => {
      expect(await readUntil(page, async () => (await target.count()) > 0)).toBe(true);
    };
    try {
      await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
      await page.getByRole('button', { name: /guest/i }).first().click();
      await page.getByText("The Lighthouse Keeper's Daughter").first().click();
      await page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().click();

      // The start passage's (set:)s open the story on a first step of their own.
      const begin = page.getByRole('button', { name: 'Begin' });
      await readTo(begin);
      await begin.first().tap();
      const climb = page.getByRole('button', { name: 'Climb the stairs' });
      await readTo(climb);
      await page.getByText('You came back. I knew you would.', { exact: false }).first().waitFor();
      await climb.first().tap();
      const light = page.getByRole('button', { name: 'Try anyway' });
      await readTo(light);
      // One can of oil left after the climb: the (else-if:) branch is open, the (if:) one locked.
      expect(await page.getByRole('button', { name: /Light it/ }).first().getAttribute('aria-disabled')).toBe('true');
      await light.first().tap();
      const harbour = page.getByRole('button', { name: 'Go down to the harbour' });
      await readTo(harbour);
      await harbour.first().tap();
      await page.getByText('The ship is safe. Because of you.', { exact: false }).first().waitFor({ timeout: 20_000 });
      expect(await page.getByText('The harbour is empty.').count()).toBe(0);
      // "Ships" led nowhere (a warning at import): the harbour is the story's end.
      const library = page.getByRole('button', { name: /library/i });
      await readTo(library);
      expect(await library.count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
