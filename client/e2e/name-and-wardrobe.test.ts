/**
 * A name and a wardrobe in real Chromium at phone size (touch and keyboard): on a copy of The
 * Lantern Keeper whose first scene asks for a name and opens the wardrobe, the player names their
 * character and reads the name in the next scene, buys a premium outfit once (asked to confirm),
 * and changes outfits again for free; a reload comes back to the line being read.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { editedContentCopy } from '../../testing/content-copy';
import { startTestServer, type TestServer } from '../../testing/test-server';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);

const STORY = 'The Lantern Keeper';
const STORY_DIR = 'the-lantern-keeper';
const CHAPTER = `${STORY_DIR}/chapters/01-the-lamp-that-would-not-light.json`;
const WELCOME = 30;
const GOWN = 12;

describe('a name and a wardrobe (phone)', () => {
  let server: TestServer;
  let browser: Browser;
  let content: ReturnType<typeof editedContentCopy> | undefined;

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    content = editedContentCopy('wardrobe-ui', {
      [`${STORY_DIR}/story.json`]: (story) => Object.assign(story, { protagonist: { defaultName: 'Wren', nameable: true }, outfits: [{ id: 'oilskin', name: 'Oilskin coat' }, { id: 'gown', name: 'Silver gown', cost: GOWN }] }),
      [CHAPTER]: (chapter) => {
        Object.assign(chapter.scenes.cottage, { nameEntry: true, wardrobe: true });
        chapter.scenes.stair.timeline.unshift({ type: 'narration', text: 'Up you go, {name}.' });
      },
    });
    server = await startTestServer('sqlite', { CONTENT_DIR: content.dir, WELCOME_DIAMONDS: String(WELCOME) });
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    content?.remove();
  });

  const diamonds = async (page: Page): Promise<number> => {
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('storyverse.session') ?? '{}').accessToken as string);
    return ((await server.call('GET', '/v1/inventory', { token })).json as { diamonds: number }).diamonds;
  };
  const line = (page: Page) => page.evaluate(() => document.querySelector('.sv-a11y__line')?.textContent ?? '');

  itInBrowser('names the character, reads the name, and buys an outfit once', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    try {
      await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
      await page.getByRole('button', { name: /guest/i }).first().tap();
      await page.getByText(STORY).first().tap();
      await page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().tap();
      const panel = page.getByRole('region', { name: 'Your character' });
      await panel.waitFor({ timeout: 20_000 });

      // The name, with the keyboard: a bad one is explained, a good one taken.
      const nameBox = panel.getByRole('textbox', { name: 'Your name' });
      expect(await nameBox.inputValue()).toBe('Wren');
      await nameBox.fill('<b>x</b>');
      await page.keyboard.press('Enter');
      await panel.getByText(/Names are 1–24 letters/).waitFor();
      await nameBox.fill('Ione');
      await page.keyboard.press('Enter');
      await panel.getByText('You are Ione.').waitFor({ timeout: 5000 });

      // The wardrobe, by touch: a premium outfit asks before it is bought, and is bought once.
      const wardrobe = panel.getByRole('group', { name: 'Wardrobe' });
      await wardrobe.getByRole('button', { name: /Silver gown, 12 diamonds/ }).tap();
      expect(await diamonds(page)).toBe(WELCOME);
      await wardrobe.getByRole('button', { name: /Buy Silver gown for 12 diamonds/ }).tap();
      await wardrobe.getByRole('button', { name: 'Silver gown, wearing' }).waitFor({ timeout: 5000 });
      expect(await diamonds(page)).toBe(WELCOME - GOWN);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-wardrobe.png` });
      await wardrobe.getByRole('button', { name: /Oilskin coat, free/ }).tap();
      await wardrobe.getByRole('button', { name: 'Oilskin coat, wearing' }).waitFor({ timeout: 5000 });
      await wardrobe.getByRole('button', { name: /Silver gown, owned/ }).tap();
      await wardrobe.getByRole('button', { name: 'Silver gown, wearing' }).waitFor({ timeout: 5000 });
      expect(await diamonds(page)).toBe(WELCOME - GOWN);
      // Done puts the panel away for this scene.
      await panel.getByRole('button', { name: 'Done' }).tap();
      await panel.waitFor({ state: 'hidden' });

      // One line on, then a reload: naming and dressing were saved steps, yet the reader comes
      // back to the same line of the scene, not to its first.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const firstLine = await line(page);
      for (let i = 0; i < 4 && (await line(page)) === firstLine; i++) {
        await page.keyboard.press('Space');
        await page.waitForTimeout(200);
      }
      expect(await line(page)).not.toBe(firstLine);
      const reached = await line(page);
      await page.reload({ waitUntil: 'load' });
      await expect.poll(() => line(page), { timeout: 20_000 }).toBe(reached);
      await panel.getByRole('button', { name: 'Done' }).tap();
      await panel.waitFor({ state: 'hidden' });

      // On through the scene (focus off the name box, Space goes on): the next scene says the name.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (let i = 0; i < 12 && !(await line(page)).includes('Up you go'); i++) {
        await page.keyboard.press('Space');
        await page.waitForTimeout(150);
      }
      expect(await line(page)).toContain('Up you go, Ione.');
      expect(await panel.isHidden()).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
