/**
 * Campaigns in real Chromium: two browser contexts (two guests) meet in one campaign by its
 * invite code and see each other's actions, chat and the game master's narration.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, itWithChromium, launchChromium, prepareWebClient, SCREENSHOT_DIR, watchPageProblems } from '../../testing/browser';
import { startTestServer, type TestServer } from '../../testing/test-server';

const executable = chromiumPath();
const itInBrowser = itWithChromium(executable);
// Two browser contexts, each signing in as a guest and joining over a websocket, take ~25 s on the shared
// 2-core machine: more than the default 30 s leaves room for.
const TWO_PLAYER_TIMEOUT_MS = 60_000;

describe('campaigns in the web client', () => {
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

  async function guestAtLobby(name?: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = await watchPageProblems(page);
    await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
    await page.getByRole('button', { name: /guest/i }).first().click();
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { name: 'Campaigns', exact: true }).waitFor();
    if (name) await page.getByLabel('Your name').fill(name);
    return { page, errors };
  }

  itInBrowser("two players join one campaign by code and see each other's actions and the narration", async () => {
    const host = await guestAtLobby('Nia');
    const guest = await guestAtLobby('Oren');
    await host.page.getByText(/glassblowers/).waitFor(); // the chosen world's setting, from GET /v1/worlds
    await host.page.screenshot({ path: `${SCREENSHOT_DIR}/campaign-lobby-desktop.png` });
    // The scene art is the world's picture of the start location (served with the world).
    const sceneArt = host.page.waitForResponse((r) => r.url().endsWith('/v1/worlds/the-glass-orchard/assets/assets/backgrounds/market-stair.svg'), { timeout: 20_000 });
    await host.page.getByRole('button', { name: 'Create campaign' }).click();
    const art = await sceneArt;
    expect([art.status(), art.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    const code = (await host.page.locator('.campaign-code-value').textContent({ timeout: 10_000 }))!.trim();
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await host.page.getByRole('heading', { name: 'The Glass Orchard' }).waitFor();

    await guest.page.getByLabel('Invite code').fill(code.toLowerCase());
    await guest.page.getByRole('button', { name: 'Join campaign' }).click();
    await guest.page.getByRole('heading', { name: 'The Glass Orchard' }).waitFor();
    await host.page.locator('.campaign-party li').nth(1).waitFor();
    expect(await host.page.locator('.campaign-party li').count()).toBe(2);

    await guest.page.getByLabel('Message the party').fill('Ready when you are.');
    await guest.page.getByRole('button', { name: 'Send' }).click();
    await host.page.getByRole('log', { name: 'Party chat' }).getByText('Ready when you are.').waitFor();

    await host.page.getByRole('button', { name: 'Start the campaign' }).click();
    await host.page.getByText('Your turn: what do you do?').waitFor();
    await guest.page.getByText(/is acting/).waitFor();
    expect(await guest.page.getByRole('button', { name: 'Act' }).isDisabled()).toBe(true);
    // The opening is in the DOM for both, before any key press.
    await guest.page.getByRole('log', { name: 'Narration' }).getByText(/glass/).first().waitFor();

    await host.page.getByLabel('Your action').fill('I follow the ringing beads up the Market Stair.');
    await host.page.getByRole('button', { name: 'Act' }).click();
    for (const { page } of [host, guest]) {
      await page.getByRole('log', { name: 'Narration' }).getByText('Nia follows the ringing beads up the Market Stair.', { exact: false }).waitFor({ timeout: 10_000 });
    }
    // Now it is the guest's turn; their action reaches the host.
    await guest.page.getByText('Your turn: what do you do?').waitFor();
    await guest.page.getByLabel('Your action').fill('I ask Widow Asha about the grey coats.');
    await guest.page.getByRole('button', { name: 'Act' }).click();
    await host.page.getByRole('log', { name: 'Narration' }).getByText('Oren asks Widow Asha about the grey coats.', { exact: false }).waitFor({ timeout: 10_000 });
    // Choices are real buttons named by their text.
    expect(await host.page.locator('.campaign-choice').count()).toBeGreaterThan(0);
    await host.page.screenshot({ path: `${SCREENSHOT_DIR}/campaign-desktop.png` });
    // The host rewinds to beat 1 and forks a new campaign from there.
    await host.page.getByLabel('Rewind to').selectOption('1');
    // Forking asks first, and keeps the host at this table until they choose to go.
    await host.page.getByRole('button', { name: 'Fork a new campaign from there' }).click();
    await host.page.getByRole('button', { name: 'Yes' }).click();
    const go = host.page.getByRole('button', { name: /^Go to the fork / });
    await go.waitFor({ timeout: 10_000 });
    expect(host.page.url()).toContain(code);
    expect((await host.page.locator('.campaign-code-value').textContent())!.trim()).toBe(code);
    const forked = (await go.textContent())!.replace('Go to the fork ', '').trim();
    expect(forked).not.toBe(code);
    await go.click();
    await host.page.waitForFunction((old) => !location.hash.includes(old), code);
    expect((await host.page.locator('.campaign-code-value').textContent())!.trim()).toBe(forked);
    await host.page.getByRole('log', { name: 'Narration' }).getByText('Nia follows the ringing beads up the Market Stair.', { exact: false }).waitFor({ timeout: 10_000 });
    expect(await host.page.getByRole('log', { name: 'Narration' }).getByText('Oren asks Widow Asha', { exact: false }).count()).toBe(0);
    expect([...host.errors, ...guest.errors]).toEqual([]);
    expect(await host.page.locator('.campaign-notice').textContent()).toBe('');
  }, TWO_PLAYER_TIMEOUT_MS);

  itInBrowser('in vote mode the party votes with buttons and the majority choice is narrated to both', async () => {
    const host = await guestAtLobby();
    const guest = await guestAtLobby();
    await host.page.getByLabel('How the party plays').selectOption('vote');
    // The scene art is the world's picture of the start location (served with the world).
    const sceneArt = host.page.waitForResponse((r) => r.url().endsWith('/v1/worlds/the-glass-orchard/assets/assets/backgrounds/market-stair.svg'), { timeout: 20_000 });
    await host.page.getByRole('button', { name: 'Create campaign' }).click();
    const art = await sceneArt;
    expect([art.status(), art.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    const code = (await host.page.locator('.campaign-code-value').textContent({ timeout: 10_000 }))!.trim();
    await guest.page.getByLabel('Invite code').fill(code);
    await guest.page.getByRole('button', { name: 'Join campaign' }).click();
    await host.page.locator('.campaign-party li').nth(1).waitFor();
    await host.page.getByRole('button', { name: 'Start the campaign' }).click();
    for (const { page } of [host, guest]) await page.getByText('The party votes on what happens next').waitFor({ timeout: 10_000 });
    const first = host.page.getByRole('group', { name: 'Choices' }).getByRole('button').first();
    const label = (await first.textContent())!.replace(/ \(\d+ votes?\)$/, '');
    await first.click();
    // Your own vote is marked on your button; the others see the count.
    await host.page.getByRole('button', { name: `✓ ${label} (1 vote, yours)` }).waitFor();
    expect(await host.page.getByRole('button', { name: `✓ ${label} (1 vote, yours)` }).getAttribute('aria-pressed')).toBe('true');
    await guest.page.getByRole('button', { name: `${label} (1 vote)`, exact: true }).waitFor();
    await guest.page.getByRole('button', { name: `${label} (1 vote)`, exact: true }).click();
    for (const { page } of [host, guest]) {
      await page.getByRole('log', { name: 'Narration' }).getByText('All 2 votes agreed').waitFor({ timeout: 10_000 });
    }
    expect([...host.errors, ...guest.errors]).toEqual([]);
  }, TWO_PLAYER_TIMEOUT_MS);
});
