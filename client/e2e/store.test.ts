/**
 * The diamond store in real Chromium against the real composition in sandbox mode (no Stripe key):
 * a refused premium choice leads to the store, a pack is bought on the sandbox checkout page, and
 * the balance rises once — not again on a second click, a reload or a return to the checkout page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, readUntil, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { DEFAULT_STORE_PACKS, packDiamonds } from '../../server/payments/store-packs';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);

const STORY = 'The Lantern Keeper';
const FREE_OPTION = 'Sit with the lamp and ask what it wants.';
const PREMIUM_OPTION = /hearth ember/;
const WELCOME = 3;
const CHEST = DEFAULT_STORE_PACKS[1]!;

describe('the diamond store', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    server = await startTestServer('sqlite', { WELCOME_DIAMONDS: String(WELCOME) });
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The diamonds in the header wallet, once loaded. */
  async function headerDiamonds(page: Page): Promise<number> {
    const link = page.locator('a.wallet-diamonds');
    await expect.poll(async () => /\d/.test((await link.innerText()).trim()), { timeout: 10_000 }).toBe(true);
    return Number(((await link.innerText()).match(/\d+/) ?? ['NaN'])[0]);
  }

  itInBrowser('a refused premium choice leads to the store; a sandbox purchase raises the balance once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    page.on('response', (response) => { if (response.status() === 404) problems.push(`404 ${response.url()}`); });
    try {
      await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
      await page.getByRole('button', { name: /guest/i }).first().click();
      await page.getByText(STORY).first().waitFor();
      expect(await headerDiamonds(page)).toBe(WELCOME);

      // The premium choice costs more than the welcome diamonds: the refusal offers the store.
      await page.getByText(STORY).first().click();
      await page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().click();
      await page.getByText('Fetch me the blue shawl', { exact: false }).first().waitFor({ timeout: 20_000 });
      const free = page.getByRole('button', { name: FREE_OPTION });
      expect(await readUntil(page, async () => (await free.count()) > 0)).toBe(true);
      await page.getByRole('button', { name: PREMIUM_OPTION }).first().click();
      await page.getByText(/not enough diamonds/i).first().waitFor();
      await page.getByRole('button', { name: 'Get diamonds' }).click();

      await page.getByRole('heading', { name: 'Diamond store' }).waitFor();
      await page.getByText(/no money moves/i).first().waitFor();
      await page.getByRole('link', { name: 'Back to the story' }).waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/store.png` });

      await page.getByRole('button', { name: new RegExp(`Buy ${CHEST.title}`) }).click();
      await page.waitForURL(/\/v1\/store\/sandbox\//);
      await page.getByText('Sandbox — no money moves').waitFor();
      const checkoutUrl = page.url();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/store-sandbox-checkout.png` });
      // A double click on "Complete purchase": the second submit is a duplicate delivery at most.
      await page.getByRole('button', { name: 'Complete purchase' }).dblclick();

      await page.getByRole('heading', { name: 'Diamonds added' }).waitFor({ timeout: 15_000 });
      const expected = WELCOME + packDiamonds(CHEST);
      await page.getByText(`You now have ${expected}.`).waitFor();
      expect(await headerDiamonds(page)).toBe(expected);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/store-success.png` });

      // Reloading the landing page or going back to the checkout page grants nothing more.
      await page.reload({ waitUntil: 'load' });
      await page.getByRole('heading', { name: 'Diamonds added' }).waitFor();
      await page.goto(checkoutUrl, { waitUntil: 'load' });
      await page.getByText(/This purchase is paid/).waitFor();
      expect(await page.getByRole('button', { name: 'Complete purchase' }).count()).toBe(0);

      await page.goto(`http://127.0.0.1:${server.port}/#/store`, { waitUntil: 'load' });
      expect(await headerDiamonds(page)).toBe(expected);
      await page.getByText('Your purchases').waitFor();
      expect(await page.locator('.purchase-paid').count()).toBe(1);

      // Back to the story, where the premium choice is now affordable.
      await page.getByRole('link', { name: 'Back to the story' }).click();
      const premium = page.getByRole('button', { name: PREMIUM_OPTION });
      await page.locator('canvas').first().waitFor({ timeout: 20_000 });
      expect(await readUntil(page, async () => (await premium.count()) > 0)).toBe(true);
      await premium.first().click();
      await page.getByText('The locket has been warm', { exact: false }).first().waitFor({ timeout: 10_000 });
      expect(await page.getByText(/not enough diamonds/i).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  itInBrowser('the HUD opens the store, and a cancelled checkout grants nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    try {
      await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
      await page.getByRole('button', { name: /guest/i }).first().click();
      await page.getByText(STORY).first().waitFor();
      await page.locator('a.wallet-diamonds').click();
      await page.getByRole('heading', { name: 'Diamond store' }).waitFor();
      await page.getByRole('button', { name: new RegExp(`Buy ${CHEST.title}`) }).click();
      await page.getByText('Sandbox — no money moves').waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('heading', { name: /not completed|cancelled/i }).waitFor({ timeout: 15_000 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/store-cancelled-phone.png` });
      expect(await headerDiamonds(page)).toBe(WELCOME);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
