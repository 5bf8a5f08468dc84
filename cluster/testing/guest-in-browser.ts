import { launchChromium, watchPageProblems } from '../../testing/browser';

/** What a guest's first story session in the web client showed: the page's problems and its WebSocket URLs. */
export interface GuestPlay {
  /** CSP violations, console errors, page errors (`watchPageProblems`): empty when all went well. */
  problems: string[];
  sockets: URL[];
}

/**
 * The unchanged web client in Debian's chromium, as a newcomer uses it: open the origin, play as a
 * guest, open The Lantern Keeper and start it, until the chapter's first line shows (its room is playing).
 */
export async function playAsGuestInChromium(chromium: string, origin: string): Promise<GuestPlay> {
  const browser = await launchChromium(chromium);
  try {
    const page = await browser.newPage();
    const problems = await watchPageProblems(page);
    const sockets: URL[] = [];
    page.on('websocket', (socket) => sockets.push(new URL(socket.url())));
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.getByRole('button', { name: /guest/i }).first().click();
    await page.getByText('The Lantern Keeper').first().click();
    await page.getByRole('button', { name: /start|continue|read|play|begin/i }).first().click();
    await page.getByText('Fetch me the blue shawl', { exact: false }).first().waitFor({ timeout: 20_000 });
    return { problems, sockets };
  } finally {
    await browser.close();
  }
}
