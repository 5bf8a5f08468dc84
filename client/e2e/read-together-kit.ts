import type { Page } from 'playwright-core';

export const STORY = 'The Lantern Keeper';
export const STORY_ID = 'the-lantern-keeper';
export const FIRST_LINE = 'Fetch me the blue shawl';

/** A guest who opens the story's first chapter in the player, then goes to Read together from the story page. */
export async function joinReadTogether(page: Page, port: number, touch: boolean): Promise<void> {
  const press = (locator: ReturnType<Page['getByRole']>) => (touch ? locator.tap() : locator.click());
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
  await press(page.getByRole('button', { name: /guest/i }).first());
  await page.getByText(STORY).first().click();
  await press(page.getByRole('button', { name: /start|continue|read|play|begin/i }).first());
  await page.waitForFunction((wanted) => (document.querySelector('.sv-a11y__line')?.textContent ?? '').includes(wanted), FIRST_LINE, { timeout: 20_000 });
  await press(page.getByRole('link', { name: 'Back to story' }));
  await press(page.getByRole('button', { name: /Read Chapter 1 together/ }));
  await page.getByRole('heading', { name: /Read together · Chapter 1/ }).waitFor({ timeout: 15_000 });
}
