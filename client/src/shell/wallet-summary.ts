import type { Inventory } from '../../../api/index';
import { everySecond, formatTimeLeft, hasPassed } from './countdown';
import { h } from './dom';
import { icon } from './icons';
import type { StoryverseApi } from './storyverse-api';

/** Keys, diamonds and the countdown to the next key, from GET /v1/inventory; refetched when a key arrives. */
export class WalletSummary {
  readonly element: HTMLElement;
  private readonly keys = h('span', { className: 'wallet-value', text: '–' });
  private readonly diamonds = h('span', { className: 'wallet-value', text: '–' });
  private readonly nextKey = h('span', { className: 'wallet-next' });
  private readonly keysLabel = h('span', { className: 'visually-hidden', text: 'Keys' });
  private inventory: Inventory | null = null;
  private stopTicking: () => void = () => {};
  private destroyed = false;

  constructor(private readonly api: StoryverseApi) {
    this.element = h('section', { className: 'wallet', attrs: { 'aria-label': 'Your wallet', tabindex: -1 } }, [
      h('span', { className: 'wallet-item wallet-keys' }, [icon('key', 'icon wallet-icon'), this.keysLabel, this.keys]),
      // The diamonds open the store (the HUD's way in, as in the player's top bar).
      h('a', { className: 'wallet-item wallet-diamonds', attrs: { href: '#/store', title: 'Get diamonds' } }, [
        icon('diamond', 'icon wallet-icon'),
        h('span', { className: 'visually-hidden', text: 'Diamonds' }),
        this.diamonds,
        h('span', { className: 'visually-hidden', text: ', open the diamond store' }),
        h('span', { className: 'wallet-add', attrs: { 'aria-hidden': 'true' }, text: '+' }),
      ]),
      this.nextKey,
    ]);
    void this.load();
  }

  /** Reads the balance again (after a purchase). */
  refresh(): Promise<void> {
    return this.load();
  }

  /** The diamonds shown, once loaded. */
  get diamondCount(): number | null {
    return this.inventory?.diamonds ?? null;
  }

  destroy(): void {
    this.destroyed = true;
    this.stopTicking();
  }

  private async load(): Promise<void> {
    try {
      const inventory = await this.api.inventory();
      if (this.destroyed) return;
      this.inventory = inventory;
      this.keys.textContent = `${inventory.keys}/${inventory.keysCap}`;
      this.diamonds.textContent = String(inventory.diamonds);
      this.stopTicking();
      this.stopTicking = everySecond(() => this.renderNextKey());
    } catch {
      this.nextKey.textContent = '';
    }
  }

  private renderNextKey(): void {
    const inventory = this.inventory;
    if (!inventory || inventory.keys >= inventory.keysCap || !inventory.nextKeyAt) {
      this.nextKey.textContent = inventory && inventory.keys >= inventory.keysCap ? 'Keys full' : '';
      return;
    }
    if (hasPassed(inventory.nextKeyAt)) {
      this.stopTicking();
      void this.load();
      return;
    }
    this.nextKey.replaceChildren(icon('clock', 'icon icon-small'), ` Next key in ${formatTimeLeft(inventory.nextKeyAt)}`);
  }
}
