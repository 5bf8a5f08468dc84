/**
 * An ink story in the web client, in real Chromium: the server plays the ink, the client shows it
 * with the same room protocol as a scene story (dialogue, choices with their cost, the chapter's end).
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, readUntil, watchPageProblems } from '../../testing/browser';
import { startTestServer, type TestServer } from '../../testing/test-server';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);
const INK_CONTENT = fileURLToPath(new URL('../../rooms/story/fixtures/ink-content', import.meta.url));

describe('the web client playing an ink story', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    server = await startTestServer('sqlite', { CONTENT_DIR: INK_CONTENT, WELCOME_DIAMONDS: '10' });
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  itInBrowser('a guest reads the first chapter of an ink story to its end, paying for a premium choice', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    try {
      await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
      await page.getByRole('button', { name: /guest/i }).first().click();
      await page.getByText('Bell Harbour').first().click();
      await page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().click();
      await page.getByText('The bell rang thirteen times tonight.', { exact: false }).first().waitFor({ timeout: 20_000 });

      const premium = page.getByRole('button', { name: /Pay the ferryman/ });
      expect(await readUntil(page, async () => (await premium.count()) > 0)).toBe(true);
      expect(await premium.first().textContent()).toMatch(/4/);
      await premium.first().click();
      await page.getByText('The ferryman takes your coins without a word.', { exact: false }).first().waitFor();
      expect(await readUntil(page, async () => (await page.getByRole('button', { name: /library/i }).count()) > 0)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
