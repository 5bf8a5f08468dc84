/**
 * The studio's Readers section in real Chromium: after a reader reacted to and commented on a
 * released chapter in its reading room, the writer sees the chapter's reads, completion and the
 * paragraph heat map, with the counts written beside each paragraph.
 */
import { Client } from 'colyseus.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { StoryReadingStats } from '../../api/reading';
import { READING_ROOM } from '../../rooms/reading/protocol';
import type { ReadingState } from '../../rooms/reading/ReadingState';
import { createStudioStory, insertVersion } from '../../server/studio/release-test-kit';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { newPlayer, openSession, ready } from '../../testing/story-test-kit';
import { startTestServer, type TestServer } from '../../testing/test-server';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);
const STORY = 'heat-story';
const CHAPTER = 'heat-story-ch1';

/** Polls an asynchronous condition (the server writes reads and comments after it answers). */
async function eventually(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

describe('the studio shows how a chapter is read', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    server = await startTestServer('sqlite');
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  itInBrowser('reads, completion and the paragraph heat map, counts beside the text', async () => {
    const registered = await server.call('POST', '/v1/auth/register', { body: { email: 'heat-writer@example.com', password: 'correct horse battery', displayName: 'Writer' } });
    const signIn = registered.json;
    await createStudioStory(server.orm.em, signIn.user.id, STORY);
    await insertVersion(server.orm.em, { storyId: STORY, chapterId: CHAPTER, version: 1, releaseAt: new Date(Date.now() - 1000), line: 'Nell lights the lamp at dusk.' });
    await server.services.chapterReleases.published();
    expect(await eventually(async () => (await server.call('GET', `/v1/stories/${STORY}`)).status === 200, 10_000)).toBe(true);

    // A reader opens the chapter, reacts twice and comments on the narration, and reads to the end.
    const reader = await newPlayer(server);
    const session = await ready(await openSession(server, reader, { storyId: STORY }));
    await session.room.leave();
    const client = new Client(`ws://127.0.0.1:${server.port}`);
    client.auth.token = reader.token;
    const room = await client.joinOrCreate<ReadingState>(READING_ROOM, { storyId: STORY, chapterId: CHAPTER });
    room.onMessage('*', () => undefined);
    room.send('react', { paragraphId: 'fork.0', emoji: '🔥' });
    room.send('react', { paragraphId: 'fork.0', emoji: '❤️' });
    room.send('comment', { paragraphId: 'fork.0', text: 'Which door?' });
    room.send('position', { paragraphId: 'end.0' });
    await room.leave();
    const settled = async () => {
      const stats = (await server.call('GET', `/v1/studio/stories/${STORY}/stats`, { token: signIn.accessToken })).json as StoryReadingStats;
      return stats.chapters[0]?.reads === 1 && stats.chapters[0].paragraphs.some((p) => p.paragraphId === 'fork.0' && p.comments === 1 && p.reactions['❤️'] === 1);
    };
    expect(await eventually(settled, 10_000)).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signed in as the writer, as the shell keeps a sign-in on the device.
    await context.addInitScript((session) => localStorage.setItem('storyverse.session', session), JSON.stringify({ user: signIn.user, accessToken: signIn.accessToken, refreshToken: signIn.refreshToken }));
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    await page.goto(`http://127.0.0.1:${server.port}/#/studio/stories/${STORY}`, { waitUntil: 'load' });
    const readers = page.getByRole('region', { name: 'Readers' });
    await readers.getByText('1 read · 100 % read to the end').waitFor({ timeout: 15_000 });
    await readers.getByText('Paragraph heat map').click();
    const rows = readers.getByRole('list', { name: /Paragraphs of chapter 1/ }).getByRole('listitem');
    expect(await rows.count()).toBe(3);
    // The narration the reader reacted to: its text, and its figures written out.
    const hot = rows.filter({ hasText: 'Two doors.' });
    expect(await hot.textContent()).toContain('❤️ 1 · 🔥 1 · 1 comment');
    expect(await hot.getAttribute('class')).toContain('heat-4');
    const cold = rows.filter({ hasText: 'Nell lights the lamp at dusk.' });
    expect(await cold.textContent()).toContain('Nell: ');
    expect(await cold.textContent()).toContain('no reactions');
    expect(await cold.getAttribute('class')).toContain('heat-0');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/studio-reading-stats.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
