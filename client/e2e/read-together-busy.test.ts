/**
 * Read together on a busy chapter, in real Chromium: a reader is sent only so many comments live
 * (here READING_LIVE_COMMENTS_PER_SECOND=1: three at once, one a second after); the page says how many
 * were not shown as they came, and one button brings the open paragraph's newest comments, all of them.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { READING_ROOM } from '../../rooms/reading/protocol';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { newPlayer, openSession, ready } from '../../testing/story-test-kit';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { FIRST_LINE, joinReadTogether, STORY_ID } from './read-together-kit';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);


describe('read together on a busy chapter', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const rooms: Room[] = [];

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    server = await startTestServer('sqlite', { READING_LIVE_COMMENTS_PER_SECOND: '1' });
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    for (const room of rooms) await room.leave().catch(() => undefined);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** Another reader of the chapter, outside the browser: opens it in the story room, then sits in its reading room. */
  const otherReader = async (): Promise<Room> => {
    const player = await newPlayer(server);
    const session = await ready(await openSession(server, player, { storyId: STORY_ID }));
    const chapterId = session.room.state.chapterId;
    await session.room.leave();
    const client = new Client(`ws://127.0.0.1:${server.port}`);
    client.auth.token = player.token;
    const room = await client.joinOrCreate(READING_ROOM, { storyId: STORY_ID, chapterId });
    rooms.push(room);
    return room;
  };

  itInBrowser('says how many comments were not shown live, and shows them all on request', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(desktop);
    const page = await desktop.newPage();
    const problems = await watchPageProblems(page);
    await joinReadTogether(page, server.port, false);
    await page.getByRole('button', { name: /Comments on “Fetch me/ }).click();
    const panel = page.getByRole('dialog', { name: /Comments on “Fetch me/ });
    await panel.getByText('No comments yet. Start the conversation.').waitFor();
    const paragraphId = await page.locator('.rt-paragraph', { hasText: FIRST_LINE }).first().getAttribute('data-paragraph-id');

    // Two other readers post three comments each on that line at once: six, over the reader's three.
    const others = [await otherReader(), await otherReader()];
    others.forEach((room, reader) => {
      for (let i = 1; i <= 3; i++) room.send('comment', { paragraphId, text: `Comment ${i} of reader ${reader + 1}` });
    });
    const busy = page.locator('.rt-busy');
    await busy.getByText(/This chapter is busy: \d+ comments? (was|were) not shown as they came\./).waitFor({ timeout: 10_000 });
    const shownLive = await panel.locator('.rt-comment-text').count();
    expect(shownLive).toBeLessThan(6);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/read-together-busy.png` });

    // The button loads the newest page: all six are there, and the notice goes.
    await busy.getByRole('button', { name: 'Show the newest comments' }).click();
    for (const reader of [1, 2]) for (let i = 1; i <= 3; i++) await panel.getByText(`Comment ${i} of reader ${reader}`).waitFor({ timeout: 5000 });
    await busy.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });
});
