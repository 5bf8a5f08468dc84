/**
 * Read together in real Chromium: two readers of the same chapter — one at a desktop with the
 * keyboard, one on a phone by touch — see each other, react and comment, and see each other's
 * reactions and comments live. Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { FIRST_LINE, joinReadTogether } from './read-together-kit';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);


describe('read together (two readers)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    server = await startTestServer('sqlite');
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const readerJoins = (page: Page, touch: boolean) => joinReadTogether(page, server.port, touch);

  itInBrowser('two readers see each other, react and comment, and see it all live', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    contexts.push(desktop, phone);
    const a = await desktop.newPage();
    const b = await phone.newPage();
    const problemsA = await watchPageProblems(a);
    const problemsB = await watchPageProblems(b);

    await readerJoins(a, false);
    await readerJoins(b, true);

    // Each sees the other: two readers in the chapter, two avatars in the room.
    for (const page of [a, b]) {
      await page.getByText('2 readers in this chapter right now').waitFor({ timeout: 10_000 });
      expect(await page.getByRole('list', { name: 'Reading in this room' }).getByRole('listitem').count()).toBe(2);
    }
    // The chapter is there as text, speakers named.
    expect(await b.getByText(FIRST_LINE).count()).toBeGreaterThan(0);

    // A reacts with the keyboard; B sees the count; pressing again takes it back, for both.
    const love = (page: Page) => page.getByRole('group', { name: /Reactions to “Fetch me/ }).getByRole('button', { name: /^love/ });
    await love(a).focus();
    await a.keyboard.press('Enter');
    await b.waitForFunction(() => Array.from(document.querySelectorAll('.rt-reaction')).some((el) => /^love ❤️, 1$/.test(el.getAttribute('aria-label') ?? '')), null, { timeout: 5000 });
    expect(await love(a).getAttribute('aria-pressed')).toBe('true');
    expect(await love(b).getAttribute('aria-pressed')).toBe('false');
    await a.keyboard.press('Enter');
    await b.waitForFunction(() => !Array.from(document.querySelectorAll('.rt-reaction')).some((el) => /, 1$/.test(el.getAttribute('aria-label') ?? '')), null, { timeout: 5000 });
    // B (touch) reacts; A sees it.
    await love(b).tap();
    await a.waitForFunction(() => Array.from(document.querySelectorAll('.rt-reaction')).some((el) => /^love ❤️, 1$/.test(el.getAttribute('aria-label') ?? '')), null, { timeout: 5000 });

    // A comments with the keyboard (markup stays text); B hears it announced politely.
    await a.getByRole('button', { name: /Comments on “Fetch me/ }).focus();
    await a.keyboard.press('Enter');
    const panelA = a.getByRole('dialog', { name: /Comments on “Fetch me/ });
    await panelA.waitFor();
    await a.keyboard.type('<b>Tamsin</b> knows the sky.');
    await a.keyboard.press('Tab');
    await a.keyboard.press('Enter');
    await panelA.getByText('<b>Tamsin</b> knows the sky.').waitFor({ timeout: 5000 });
    await b.waitForFunction(() => Array.from(document.querySelectorAll('[aria-live="polite"]')).some((el) => (el.textContent ?? '').includes('<b>Tamsin</b> knows the sky.')), null, { timeout: 5000 });
    expect(await a.locator('.rt-comment-text b').count()).toBe(0);
    await a.screenshot({ path: `${SCREENSHOT_DIR}/read-together-desktop.png` });

    // B opens the thread in a sheet by touch, replies; A sees the reply live in the margin.
    await b.getByRole('button', { name: /Comments on “Fetch me/ }).tap();
    const sheet = b.getByRole('dialog', { name: /Comments on “Fetch me/ });
    await sheet.getByText('<b>Tamsin</b> knows the sky.').waitFor({ timeout: 5000 });
    await sheet.getByRole('button', { name: /Reply to/ }).first().tap();
    await sheet.getByLabel('Your comment').fill('She always does.');
    await sheet.getByRole('button', { name: 'Post' }).tap();
    await panelA.getByText('She always does.').waitFor({ timeout: 5000 });
    await b.screenshot({ path: `${SCREENSHOT_DIR}/read-together-phone.png` });
    // A reply sits in its thread for both.
    expect(await panelA.locator('.rt-replies').getByText('She always does.').count()).toBe(1);
    await sheet.locator('.rt-replies').getByText('She always does.').waitFor({ timeout: 5000 });

    // B deletes the reply; it leaves A's margin too.
    await sheet.locator('.rt-replies').getByRole('button', { name: 'Delete' }).tap();
    await sheet.getByRole('button', { name: /Delete your comment for good/ }).tap();
    await panelA.locator('.rt-replies').getByText('She always does.').waitFor({ state: 'detached', timeout: 5000 });

    // Escape closes B's sheet and gives focus back to the button that opened it.
    await b.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });

    // After a reload B's own reaction is still marked as theirs (the room says so at join), A's is not.
    await b.reload({ waitUntil: 'load' });
    await b.getByText(/readers in this chapter right now/).waitFor({ timeout: 10_000 });
    await b.waitForFunction(() => document.querySelector('.rt-reaction[aria-pressed="true"]') !== null, null, { timeout: 5000 });
    expect(await love(b).getAttribute('aria-pressed')).toBe('true');
    expect(await love(a).getAttribute('aria-pressed')).toBe('false');

    expect(problemsA).toEqual([]);
    expect(problemsB).toEqual([]);
  });
});
