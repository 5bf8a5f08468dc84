/**
 * Reading comforts and honest locks in real Chromium at phone size (touch and keyboard): the
 * History, the pause menu with its settings (remembered on the device), auto-play, skipping lines
 * already read, resuming at the exact line after a reload, coming back from the store to the
 * choice, and locked options worded for players. Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { editedContentCopy } from '../../testing/content-copy';
import { startTestServer, type TestServer } from '../../testing/test-server';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);

const STORY = 'The Lantern Keeper';
const CHAPTER = 'the-lantern-keeper/chapters/01-the-lamp-that-would-not-light.json';
const LINE_1 = 'Fetch me the blue shawl';
const LINE_2 = 'The boats are still out past the Teeth';
const LINE_3 = 'Then you know your sums';
const LINE_4 = "I've only ever trimmed the wick";
const LINE_5 = 'Trimming the wick is most of it';

describe('reading comforts and honest locks (phone)', () => {
  let server: TestServer;
  let browser: Browser;
  let content: ReturnType<typeof editedContentCopy> | undefined;

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    // The shipped story with two gated options at its first choice: a flag gate without words and a relationship gate.
    content = editedContentCopy('comforts', {
      [CHAPTER]: (chapter) =>
        chapter.scenes.moth.choice.options.push(
          { id: 'sealed_door', text: 'Open the sealed hatch.', nextSceneId: 'roof', requires: [{ flag: 'found_the_brass_key' }] },
          { id: 'ask_ash', text: 'Ask Ash to sing to the flame.', nextSceneId: 'listening', requires: [{ relationship: 'Ash', min: 2 }] },
        ),
    });
    server = await startTestServer('sqlite', { CONTENT_DIR: content.dir, WELCOME_DIAMONDS: '3' });
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    content?.remove();
  });

  /** The line on screen, as the player's live region (what a screen reader hears) has it. */
  const onScreen = (page: Page): Promise<string> => page.evaluate(() => document.querySelector('.sv-a11y__line')?.textContent ?? '');
  const shown = async (page: Page, text: string): Promise<boolean> => (await onScreen(page)).includes(text);
  const waitShown = (page: Page, text: string, timeout = 20_000) =>
    page.waitForFunction((wanted) => (document.querySelector('.sv-a11y__line')?.textContent ?? '').includes(wanted), text, { timeout });

  itInBrowser('history, settings, auto-play, skip, resume at the line, back from the store, and humane locks', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    try {
      await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
      await page.getByRole('button', { name: /guest/i }).first().tap();
      await page.getByText(STORY).first().tap();
      await page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().tap();
      await waitShown(page, LINE_1);

      // Settings by touch: the text speed and the auto-play controls are labelled, and remembered.
      await page.getByRole('button', { name: 'Menu and settings' }).tap();
      const menu = page.getByRole('dialog', { name: 'Paused' });
      await menu.waitFor();
      await page.getByLabel('Text speed').selectOption('instant');
      expect(await page.getByLabel('Auto-play', { exact: true }).isChecked()).toBe(false);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-pause-menu.png` });
      await menu.getByRole('button', { name: 'Keep reading' }).tap();
      await menu.waitFor({ state: 'hidden' });

      // The keyboard: Space goes on; after a reload the reader is on that same line, not the scene's first.
      await page.keyboard.press('Space');
      await page.keyboard.press('Space');
      await waitShown(page, LINE_2);
      await page.reload({ waitUntil: 'load' });
      await waitShown(page, LINE_2);
      expect(await shown(page, LINE_1)).toBe(false);
      expect(await page.getByText(LINE_1).count()).toBe(0);

      // The History holds the lines read in this chapter, the ones before the reload too; Escape closes it.
      await page.getByRole('button', { name: 'History' }).tap();
      const history = page.getByRole('dialog', { name: 'History' });
      await history.waitFor();
      expect(await history.getByText(LINE_1).count()).toBe(1);
      expect(await history.getByText(LINE_2).count()).toBe(1);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-history.png` });
      await page.keyboard.press('Escape');
      await history.waitFor({ state: 'hidden' });

      // Escape pauses; the settings came back with the page (Instant), and auto-play goes on by itself.
      await page.keyboard.press('Escape');
      await menu.waitFor();
      expect(await page.getByLabel('Text speed').inputValue()).toBe('instant');
      await page.getByLabel('Auto-play speed').selectOption('fast');
      await page.getByLabel('Auto-play', { exact: true }).check();
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });
      await waitShown(page, LINE_3);
      await waitShown(page, LINE_4);
      // Off again: the reader is back in charge.
      await page.keyboard.press('Escape');
      await page.getByLabel('Auto-play', { exact: true }).uncheck();
      await page.getByLabel('Skip lines already read').check();
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });

      // Skip: after a reload the lines already read go by on their own, up to the first unread one.
      const line = await onScreen(page);
      const stopAt = line.includes(LINE_4) ? LINE_5 : 'Two hundred and twelve steps';
      await page.reload({ waitUntil: 'load' });
      await waitShown(page, stopAt);

      // On to the choice: locked options are greyed with words for players, never a flag id.
      const choice = page.getByRole('button', { name: 'Sit with the lamp and ask what it wants.' });
      for (let i = 0; i < 40 && (await choice.count()) === 0; i++) {
        await page.keyboard.press('Enter');
        await page.waitForTimeout(150);
      }
      await choice.waitFor();
      const sealed = page.getByRole('button', { name: 'Open the sealed hatch.' });
      expect(await sealed.getAttribute('aria-disabled')).toBe('true');
      expect(await sealed.innerText()).toContain('Something you have not found yet');
      expect(await page.locator('.sv-choices').innerText()).not.toContain('found_the_brass_key');
      expect(await page.getByRole('button', { name: 'Ask Ash to sing to the flame.' }).innerText()).toContain('Needs Ash 2 — you have 0');
      await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-locked-choice.png` });

      // The store and back: the choice is there at once, no scene replayed.
      await page.getByRole('button', { name: /Diamonds/ }).tap();
      await page.getByRole('link', { name: 'Back to the story' }).first().tap();
      await choice.waitFor({ timeout: 20_000 });
      expect(await page.getByRole('button', { name: 'Open the sealed hatch.' }).count()).toBe(1);

      // The pause menu leads back to the library.
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Back to the library' }).tap();
      await page.getByRole('heading', { name: 'Find your next story' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  itInBrowser('at 1280 px the library header is one line, the player has its History and menu at hand, and Enter opens the next chapter', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    try {
      await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
      await page.getByRole('button', { name: /guest/i }).first().click();
      await page.getByText('Dead Air').first().waitFor();
      const rows = await page.locator('.app-header > *').evaluateAll((items) => items.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
      expect(rows.length).toBeGreaterThanOrEqual(3);
      // Every item of the header shares one line: each starts above where every other one ends.
      for (const a of rows) for (const b of rows) expect(a.top).toBeLessThan(b.bottom);
      await page.getByText('Dead Air').first().click();
      const sockets: string[] = [];
      page.on('websocket', (socket) => sockets.push(socket.url()));
      await page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().click();
      await page.waitForFunction(() => (document.querySelector('.sv-a11y__line')?.textContent ?? '') !== '', undefined, { timeout: 20_000 });
      await page.keyboard.press('Space');
      expect(await page.getByRole('button', { name: 'History' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Menu and settings' }).count()).toBe(1);
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/desktop-dialogue-dead-air.png` });

      // Enter alone reads on, picks the focused (first) option at each choice, and at the chapter's end presses "Next chapter".
      const next = page.getByRole('button', { name: /next chapter/i });
      for (let i = 0; i < 200 && (await next.count()) === 0; i++) {
        await page.keyboard.press('Enter');
        await page.waitForTimeout(60);
      }
      await next.waitFor();
      await page.keyboard.press('Enter');
      // The end card itself may name chapter 2: the press is proven by the card going away.
      await next.first().waitFor({ state: 'detached', timeout: 20_000 });
      await page.getByText(/Chapter 2/).first().waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => (document.querySelector('.sv-a11y__line')?.textContent ?? '') !== '', undefined, { timeout: 20_000 });
      // Chapter 2 opened in the story room the reader was already in: no second connection.
      expect(sockets).toHaveLength(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
