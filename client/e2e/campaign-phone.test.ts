/**
 * Campaigns at phone size, by touch and keyboard: a vote nobody casts does not move the story
 * (its timer runs out and the table waits), your own vote is marked, "My campaigns" reopens a
 * campaign, and in a turns campaign the narrator answers what the player named.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { startTestServer, type TestServer } from '../../testing/test-server';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);

describe('campaigns on a phone', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!executable) return;
    prepareWebClient();
    server = await startTestServer('sqlite', { CAMPAIGN_VOTE_SECONDS: '5' });
    browser = await launchChromium(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function guestAtLobby(name: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors = await watchPageProblems(page);
    await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
    await page.getByRole('button', { name: /guest/i }).first().tap();
    await page.getByRole('link', { name: 'Campaigns' }).tap();
    await page.getByRole('heading', { name: 'Campaigns', exact: true }).waitFor();
    await page.getByLabel('Your name').fill(name);
    return { page, errors };
  }

  // Two vote timers of 5 s (the config minimum) plus a 5.5 s wait for nothing to happen, on top of two
  // browser contexts joining: this legitimately needs more than the default 30 s.
  const VOTE_TEST_TIMEOUT_MS = 90_000;

  const beatShown = (page: Page) => page.locator('.campaign-beat').count();

  itInBrowser('a vote nobody casts does not move the story; a tap votes and marks your vote', async () => {
    const host = await guestAtLobby('Nia');
    const guest = await guestAtLobby('Oren');
    await host.page.getByLabel('How the party plays').selectOption('vote');
    await host.page.getByRole('button', { name: 'Create campaign' }).tap();
    const code = (await host.page.locator('.campaign-code-value').textContent({ timeout: 10_000 }))!.trim();
    await guest.page.getByLabel('Invite code').fill(code);
    await guest.page.getByRole('button', { name: 'Join campaign' }).tap();
    await host.page.locator('.campaign-party li').nth(1).waitFor();
    await host.page.getByRole('button', { name: 'Start the campaign' }).tap();
    await host.page.getByText('The party votes on what happens next').waitFor({ timeout: 10_000 });
    const beats = await beatShown(host.page);
    // The vote timer (5 s, the shortest there is) runs out with no votes: the table waits, and says so.
    await host.page.getByText(/Waiting for a vote/).waitFor({ timeout: 15_000 });
    await host.page.waitForTimeout(5_500);
    expect(await beatShown(host.page)).toBe(beats);
    expect(await host.page.getByText('The party votes on what happens next').count()).toBe(1);
    await host.page.screenshot({ path: `${SCREENSHOT_DIR}/campaign-vote-waiting-phone.png` });

    const first = guest.page.getByRole('group', { name: 'Choices' }).getByRole('button').first();
    const label = (await first.textContent())!.replace(/ \(\d+ votes?\)$/, '');
    await first.tap();
    await guest.page.getByRole('button', { name: `✓ ${label} (1 vote, yours)` }).waitFor();
    // One vote restarts the timer; when it runs out, that vote carries the beat.
    await host.page.getByRole('log', { name: 'Narration' }).getByText('One vote was cast').waitFor({ timeout: 15_000 });

    // My campaigns lists it; "Open" takes the host back to the table.
    await host.page.getByRole('link', { name: '← Campaigns' }).tap();
    await host.page.getByRole('button', { name: `Open ${code}` }).tap();
    expect((await host.page.locator('.campaign-code-value').textContent({ timeout: 10_000 }))!.trim()).toBe(code);
    expect([...host.errors, ...guest.errors]).toEqual([]);
  }, VOTE_TEST_TIMEOUT_MS);

  itInBrowser('in a turns campaign the narrator answers the place and the person the player named', async () => {
    const solo = await guestAtLobby('Ione');
    await solo.page.getByRole('button', { name: 'Create campaign' }).tap();
    await solo.page.locator('.campaign-code-value').waitFor({ timeout: 10_000 });
    await solo.page.getByRole('button', { name: 'Start the campaign' }).tap();
    await solo.page.getByText('Your turn: what do you do?').waitFor({ timeout: 10_000 });
    // Keyboard: type the action and press Enter.
    await solo.page.getByLabel('Your action').fill('I walk to the Glass Orchard to find Maren.');
    // The scene art follows the party: the orchard's picture is loaded once they are there.
    const orchardArt = solo.page.waitForResponse((r) => r.url().endsWith('/v1/worlds/the-glass-orchard/assets/assets/backgrounds/orchard.svg'), { timeout: 15_000 });
    await solo.page.keyboard.press('Enter');
    expect((await orchardArt).status()).toBe(200);
    const narration = solo.page.getByRole('log', { name: 'Narration' });
    await narration.getByText('Ione walks to the Glass Orchard to find Maren.', { exact: false }).waitFor({ timeout: 10_000 });
    await solo.page.locator('.campaign-scene').getByText('The Glass Orchard').waitFor();
    await solo.page.locator('.campaign-dialogue').getByText('Maren Stull:').first().waitFor();
    await solo.page.screenshot({ path: `${SCREENSHOT_DIR}/campaign-turns-phone.png` });
    expect(solo.errors).toEqual([]);
  });
});
