/**
 * The web client in real Chromium (Debian's package, driven by playwright-core) against the real
 * composition serving the built client. Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, readUntil, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { startTestServer, type TestServer } from '../../testing/test-server';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);

const STORY = 'The Lantern Keeper';
const FREE_OPTION = 'Sit with the lamp and ask what it wants.';
const PREMIUM_OPTION = /hearth ember/;
const BRANCH_LINE = 'I sit on the cold floor';

const viewports = [
  { name: 'phone', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false },
] as const;

describe('the web client', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    // Fewer diamonds than the premium option costs, so its refusal can be seen.
    server = await startTestServer('sqlite', { WELCOME_DIAMONDS: '3' });
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(options: (typeof viewports)[number]): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: options.viewport, hasTouch: options.hasTouch, isMobile: options.isMobile });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
    return { context, page, problems };
  }

  /** Waits for CSS transitions and animations (fade-ins) to finish, so a screenshot shows the settled screen. */
  async function shoot(page: Page, name: string): Promise<void> {
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: 5000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
  }

  for (const device of viewports) {
    itInBrowser(`a guest reads a chapter through to its end and keeps progress across a reload (${device.name})`, async () => {
      const { context, page, problems } = await newPage(device);
      try {
        await page.getByRole('button', { name: /guest/i }).first().click();
        await page.getByText(STORY).first().waitFor();
        await shoot(page, `${device.name}-library`);
        await page.getByText(STORY).first().click();
        await page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().click();

        await page.getByText('Fetch me the blue shawl', { exact: false }).first().waitFor({ timeout: 20_000 });
        await page.keyboard.press('Space'); // finishes the typewriter on the first line
        await shoot(page, `${device.name}-dialogue`);

        const choice = page.getByRole('button', { name: FREE_OPTION });
        expect(await readUntil(page, async () => (await choice.count()) > 0)).toBe(true);
        const premium = page.getByRole('button', { name: PREMIUM_OPTION });
        expect(await premium.first().textContent()).toMatch(/5/);
        await shoot(page, `${device.name}-choice`);

        await premium.first().click();
        await page.getByText(/not enough diamonds/i).first().waitFor();
        await shoot(page, `${device.name}-refusal`);
        await page.keyboard.press('Escape');

        await choice.first().click();
        await page.getByText(BRANCH_LINE, { exact: false }).first().waitFor();
        const ended = await readUntil(page, async () => (await page.getByRole('button', { name: /library/i }).count()) > 0);
        expect(ended).toBe(true);
        await shoot(page, `${device.name}-chapter-end`);

        await page.reload({ waitUntil: 'load' });
        await page.getByText(STORY).first().waitFor();
        await page.waitForTimeout(1000);
        const text = await page.locator('body').innerText();
        expect(text).toContain(STORY);
        expect(text).toMatch(/continue|chapter 1|finished/i);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  itInBrowser('a chapter can be played with the keyboard alone', async () => {
    const { context, page, problems } = await newPage(viewports[1]);
    try {
      const tabTo = async (name: RegExp) => {
        for (let i = 0; i < 60; i++) {
          await page.keyboard.press('Tab');
          // Only controls count: while a screen loads, focus may rest on the page itself.
          const focused = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el || !el.matches('button, a[href], [role="button"], [role="link"]')) return '';
            return `${el.getAttribute('aria-label') ?? ''} ${el.innerText ?? ''}`;
          });
          if (name.test(focused)) return;
        }
        throw new Error(`could not reach ${name} with Tab`);
      };
      await tabTo(/guest/i);
      await page.keyboard.press('Enter');
      await page.getByText(STORY).first().waitFor();
      await tabTo(new RegExp(STORY));
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().waitFor();
      await tabTo(/start|continue|read|play|begin/i);
      await page.keyboard.press('Enter');
      await page.getByText('Fetch me the blue shawl', { exact: false }).first().waitFor({ timeout: 20_000 });

      const choice = page.getByRole('button', { name: FREE_OPTION });
      expect(await readUntil(page, async () => (await choice.count()) > 0)).toBe(true);
      // Choices take focus when they appear; the arrow keys move between them.
      for (let i = 0; i < 3; i++) {
        const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
        if (focused.includes(FREE_OPTION)) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await page.getByText(BRANCH_LINE, { exact: false }).first().waitFor();
      expect(await readUntil(page, async () => (await page.getByRole('button', { name: /library/i }).count()) > 0)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
