/**
 * The studio in real Chromium against the real composition: a writer registers, creates a story,
 * uploads a broken chapter and sees its problems by scene, fixes it, uploads art, previews the draft,
 * and schedules the release a few seconds ahead; a reader in another browser context does not see the
 * chapter, then sees it appear (no server restart) and plays it with a premium choice; the writer's
 * earnings show the share, and the certificate downloaded from the studio verifies with node:crypto.
 */
import { createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, readUntil, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { startTestServer, type TestServer } from '../../testing/test-server';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);

const STORY_ID = 'tide-clock';
const STORY_TITLE = 'The Tide Clock';
const CHAPTER_ID = 'tide-clock-ch1';
const PREMIUM_COST = 5;
/** The writer's share of a premium choice at the default WRITER_SHARE_PERCENT (70). */
const SHARE = Math.floor((PREMIUM_COST * 70) / 100);
const FIRST_LINE = 'The clock in the harbour wall has stopped at low water.';
const PREMIUM_LINE = 'The hands lurch forward and the sea answers.';
/** A 1×1 PNG: the harbour's background, and the story's cover. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const ART = 'assets/harbour.png';

/**
 * The chapter document; `broken` points the premium option at a scene that does not exist. Its
 * background is art the writer has not uploaded yet the first time, so that is a problem too.
 */
function chapter(broken: boolean): string {
  return JSON.stringify({
    _id: CHAPTER_ID,
    storyId: STORY_ID,
    chapterNumber: 1,
    title: 'Low Water',
    startSceneId: 'harbour',
    scenes: {
      harbour: {
        background: ART,
        timeline: [{ type: 'dialogue', character: 'Mara', text: FIRST_LINE }],
        choice: {
          prompt: 'What do you do?',
          options: [
            { id: 'wait', text: 'Wait for the tide to turn.', nextSceneId: 'wait' },
            { id: 'wind', text: 'Wind the clock with the brass key.', nextSceneId: broken ? 'windup' : 'wind', cost: PREMIUM_COST },
          ],
        },
      },
      wait: { timeline: [{ type: 'dialogue', character: 'Mara', text: 'The water comes back on its own, in time.' }], end: true },
      wind: { timeline: [{ type: 'dialogue', character: 'Mara', text: PREMIUM_LINE }], end: true },
    },
  }, null, 2);
}

/** Keys sorted at every level, no whitespace: what the certificate's signature covers. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The statuses Chromium logs as console errors for refusals this test provokes on purpose. */
const EXPECTED_REFUSALS = [422, 415];

describe('the studio', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    server = await startTestServer('sqlite', { WELCOME_DIAMONDS: '20' });
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = await watchPageProblems(page);
    await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
    return { context, page, problems };
  }

  /** Console errors other than the "Failed to load resource" lines of the refusals provoked on purpose. */
  function unexpected(problems: string[]): string[] {
    return problems.filter((problem) => !EXPECTED_REFUSALS.some((status) => problem.includes(`Failed to load resource: the server responded with a status of ${status}`)));
  }

  /** The signed-in account's access token, as the page keeps it. */
  async function accessToken(page: Page): Promise<string> {
    return page.evaluate(() => (JSON.parse(localStorage.getItem('storyverse.session') ?? '{}') as { accessToken: string }).accessToken);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  }

  itInBrowser('a writer publishes a scheduled chapter that a reader sees appear, plays, and pays the writer a share of', async () => {
    const writer = await open();
    const reader = await open();
    const { page } = writer;
    try {
      // ── the writer registers and creates a story ───────────────────────────
      await page.getByRole('button', { name: 'Create account' }).first().click();
      await page.getByLabel('Name (optional)').fill('Ada Quill');
      await page.getByLabel('Email').fill('ada@example.test');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.locator('form').getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('link', { name: 'Studio' }).click();
      await page.getByRole('heading', { name: 'Your studio' }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your studio');

      await page.getByLabel('Title').fill(STORY_TITLE);
      await page.getByLabel('Description').fill('A harbour town whose clock keeps the sea.');
      await page.getByLabel('Genre').fill('mystery');
      await page.getByLabel('Story id (optional)').fill(STORY_ID);
      await page.getByRole('button', { name: 'Create story' }).click();
      await page.getByRole('heading', { level: 1, name: STORY_TITLE }).waitFor();
      await page.getByText('Not listed yet').waitFor();

      // ── a broken chapter: its problems, by scene, in the live region ───────
      // (a dangling link and art not uploaded yet in scene harbour; scene wind unreachable)
      const chapterFile = page.getByLabel('Chapter file');
      await chapterFile.setInputFiles({ name: 'low-water.json', mimeType: 'application/json', buffer: Buffer.from(chapter(true)) });
      await expect.poll(() => page.getByLabel('Chapter id').inputValue()).toBe(CHAPTER_ID);
      await page.getByRole('button', { name: 'Upload chapter' }).click();
      const result = page.locator('.upload-result[role="status"]').first();
      await result.getByText(/saved as a draft, with \d+ problems?/).waitFor();
      const harbour = result.locator('.problem-group').filter({ has: page.getByRole('heading', { name: 'Scene harbour' }) });
      await expect.poll(() => harbour.innerText()).toMatch(/windup/);
      expect(await harbour.innerText()).toContain(ART);
      await result.locator('.problem-group').filter({ has: page.getByRole('heading', { name: 'Scene wind' }) }).waitFor();
      await shoot(page, 'studio-problems');
      // The draft is kept, and it cannot be published while it has errors.
      await expect.poll(() => page.getByRole('button', { name: /^Publish now Chapter 1/ }).isDisabled()).toBe(true);

      // ── art: a refused type is explained; the PNG fixes the missing background ─
      const assetFile = page.getByLabel('Art or music file');
      await assetFile.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not art') });
      await page.getByRole('button', { name: 'Upload file' }).click();
      await page.getByText(/notes\.txt was not uploaded\. Not a type the studio takes/).waitFor();
      await assetFile.setInputFiles({ name: 'harbour.png', mimeType: 'image/png', buffer: PNG });
      expect(await page.getByLabel('Path in the story').inputValue()).toBe(ART);
      await page.getByRole('button', { name: 'Upload file' }).click();
      await page.getByText(`Uploaded ${ART}`).waitFor();
      await page.locator('.asset-list').getByText(ART).waitFor();
      await page.getByLabel('Cover').selectOption(ART);
      await page.getByRole('button', { name: 'Save details' }).click();
      await page.getByText('Story details saved.').waitFor();

      // ── fixed: the same file with the link mended, now that its art is there ─
      await chapterFile.setInputFiles({ name: 'low-water.json', mimeType: 'application/json', buffer: Buffer.from(chapter(false)) });
      await page.getByRole('button', { name: 'Upload chapter' }).click();
      await result.getByText(`Chapter “${CHAPTER_ID}” uploaded with no problems`).waitFor();
      await expect.poll(() => page.getByRole('button', { name: /^Publish now Chapter 1/ }).isDisabled()).toBe(false);

      // ── preview: the draft plays, nothing spent ────────────────────────────
      const token = await accessToken(page);
      const keysBefore = (await server.call('GET', '/v1/inventory', { token })).json.keys;
      // The draft's art comes through the story's uploads (content-hashed), the story being unlisted.
      const art = page.waitForResponse((response) => /\/v1\/assets\/[0-9a-f]{64}$/.test(response.url()) && response.ok());
      await page.getByRole('button', { name: /^Preview Chapter 1/ }).click();
      await page.getByText(FIRST_LINE).first().waitFor({ timeout: 20_000 });
      await art;
      await page.getByText(/Draft · Chapter 1/).waitFor();
      await shoot(page, 'studio-preview');
      expect((await server.call('GET', '/v1/inventory', { token })).json.keys).toBe(keysBefore);
      await page.getByRole('link', { name: 'Back to the studio' }).click();
      await page.getByRole('heading', { level: 1, name: STORY_TITLE }).waitFor();

      // ── the reader does not see the story yet ──────────────────────────────
      await reader.page.getByRole('button', { name: /guest/i }).first().click();
      await reader.page.getByText('The Lantern Keeper').first().waitFor();
      expect(await reader.page.getByText(STORY_TITLE).count()).toBe(0);
      expect((await server.call('GET', `/v1/stories/${STORY_ID}`)).status).toBe(404);

      // ── scheduled a few seconds ahead (typed in local time) ────────────────
      const { local, releaseAt } = await page.evaluate(() => {
        const at = new Date(Date.now() + 8000);
        const pad = (n: number) => String(n).padStart(2, '0');
        // Chromium drops ":00" seconds from the value; Playwright's fill checks the value it set.
        const seconds = at.getSeconds() === 0 ? '' : `:${pad(at.getSeconds())}`;
        at.setMilliseconds(0);
        return { local: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}${seconds}`, releaseAt: at.getTime() };
      });
      await page.getByLabel('Release at (your local time)').fill(local);
      await page.getByRole('button', { name: /^Schedule Chapter 1/ }).click();
      await page.getByText(/Scheduled · version 1 releases/).first().waitFor();
      await shoot(page, 'studio-scheduled');
      expect(Date.now()).toBeLessThan(releaseAt);
      expect((await server.call('GET', `/v1/stories/${STORY_ID}`)).status).toBe(404);

      // ── it appears for the reader at its release time, without a restart ───
      await expect.poll(async () => {
        await reader.page.reload({ waitUntil: 'load' });
        await reader.page.getByText('The Lantern Keeper').first().waitFor();
        return reader.page.getByText(STORY_TITLE).count();
      }, { timeout: 30_000, interval: 1000 }).toBeGreaterThan(0);
      expect(Date.now()).toBeGreaterThanOrEqual(releaseAt);
      // The studio reads the story again when the release time passes.
      await page.getByText(/Published · version 1 · released/).first().waitFor({ timeout: 15_000 });
      await page.getByText('Listed', { exact: true }).waitFor();

      // ── the reader plays it with a premium choice ──────────────────────────
      await reader.page.getByText(STORY_TITLE).first().click();
      await reader.page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().click();
      await reader.page.getByText(FIRST_LINE).first().waitFor({ timeout: 20_000 });
      const premium = reader.page.getByRole('button', { name: /Wind the clock/ });
      expect(await readUntil(reader.page, async () => (await premium.count()) > 0)).toBe(true);
      await premium.first().click();
      await reader.page.getByText(PREMIUM_LINE).first().waitFor({ timeout: 10_000 });
      await shoot(reader.page, 'studio-reader-premium');

      // ── the writer's earnings show the share ───────────────────────────────
      await page.getByRole('link', { name: 'Earnings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Earnings' }).waitFor();
      await page.locator('.earnings-total').getByText(String(SHARE), { exact: true }).waitFor();
      await page.locator('.earnings-by-story').getByText(STORY_TITLE).waitFor();
      const row = page.locator('.earnings-table tbody tr').first();
      expect(await row.innerText()).toMatch(new RegExp(`${STORY_TITLE}\\s+${CHAPTER_ID}\\s+${SHARE}$`));
      await shoot(page, 'studio-earnings');

      // ── the certificate, downloaded from the studio, verifies offline ──────
      await page.getByRole('link', { name: 'My stories' }).click();
      await page.getByRole('link', { name: STORY_TITLE }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download certificate of version 1 of Chapter 1' }).click()]);
      expect(download.suggestedFilename()).toBe(`certificate-${CHAPTER_ID}-v1.json`);
      const certificate = JSON.parse(await readFile((await download.path())!, 'utf8'));
      expect(certificate).toMatchObject({ storyId: STORY_ID, chapterId: CHAPTER_ID, version: 1, algorithm: 'Ed25519', author: { displayName: 'Ada Quill' } });
      const { keys } = (await server.call('GET', '/v1/certificates/keys')).json as { keys: { keyId: string; publicKeyPem: string }[] };
      const key = keys.find((k) => k.keyId === certificate.keyId)!;
      const { signature, ...signed } = certificate;
      expect(verify(null, Buffer.from(canonicalJson(signed)), createPublicKey(key.publicKeyPem), Buffer.from(signature, 'base64'))).toBe(true);

      expect(unexpected(writer.problems)).toEqual([]);
      expect(reader.problems).toEqual([]);
    } finally {
      await writer.context.close();
      await reader.context.close();
    }
  }, 180_000);
});
