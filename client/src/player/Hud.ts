import { formatCountdown, msUntil } from './countdown';
import { element, iconGlyph } from './dom';
import type { SceneSnapshot } from './player-contract';

export interface HudOptions {
  storyTitle: string;
  muted: boolean;
  onToggleMute(): void;
  onOpenStore?(): void;
  onHistory(): void;
  /** The pause menu: settings, History, back to the library. */
  onMenu(): void;
}

/**
 * After a mouse/touch press on a HUD button, Space and Enter should go back to reading rather than
 * press that button again. Keyboard presses (detail 0) keep focus where the reader put it.
 */
function releaseFocusAfterPointer(event: MouseEvent): void {
  if (event.detail > 0 && event.currentTarget instanceof HTMLElement) event.currentTarget.blur();
}

type Wallet = Pick<SceneSnapshot, 'keys' | 'keysCap' | 'nextKeyAt' | 'diamonds' | 'chapterNumber' | 'chapterTitle'>;

/** The top bar: story and chapter, keys with the wait for the next one, diamonds, and mute. */
export class Hud {
  readonly root = element('header', 'sv-hud');
  private readonly chapter = element('span', 'sv-hud__chapter');
  private readonly chapterTitle = element('span', 'sv-hud__chapter-title');
  private readonly keys: HTMLElement;
  private readonly keysCount = element('span', 'sv-hud__count');
  private readonly keysTimer = element('span', 'sv-hud__timer');
  private readonly diamonds: HTMLElement;
  private readonly diamondsCount = element('span', 'sv-hud__count');
  private readonly mute = element('button', 'sv-hud__tool sv-hud__mute');
  private readonly timer: ReturnType<typeof setInterval>;
  private wallet: Wallet | undefined;

  constructor(private readonly options: HudOptions) {
    const title = element('div', 'sv-hud__title');
    title.append(element('span', 'sv-hud__story', options.storyTitle), this.chapter, this.chapterTitle);

    this.keys = this.counter('sv-hud__keys', 'key', '🔑', this.keysCount);
    this.keys.append(this.keysTimer);
    this.diamonds = this.counter('sv-hud__diamonds', 'diamond', '💎', this.diamondsCount);

    this.mute.type = 'button';
    this.mute.setAttribute('aria-label', 'Mute sound');
    this.mute.addEventListener('click', (event) => {
      event.stopPropagation();
      options.onToggleMute();
      releaseFocusAfterPointer(event);
    });
    this.setMuted(options.muted);

    const wallet = element('div', 'sv-hud__wallet');
    wallet.append(this.keys, this.diamonds, this.tool('History', 'sv-hud__history', options.onHistory), this.mute, this.tool('Menu and settings', 'sv-hud__menu', options.onMenu));
    this.root.append(title, wallet);
    // The countdown ticks on its own; the numbers change only through `update`.
    this.timer = setInterval(() => this.renderTimer(), 1000);
  }

  update(snapshot: Wallet): void {
    this.wallet = snapshot;
    this.chapter.textContent = `Chapter ${snapshot.chapterNumber}`;
    this.chapterTitle.textContent = snapshot.chapterTitle;
    this.chapterTitle.hidden = snapshot.chapterTitle === '';
    this.keysCount.textContent = ` ${snapshot.keys}/${snapshot.keysCap}`;
    this.diamondsCount.textContent = ` ${snapshot.diamonds}`;
    this.label(this.diamonds, `Diamonds: ${snapshot.diamonds}`);
    this.renderTimer();
  }

  setMuted(muted: boolean): void {
    this.mute.setAttribute('aria-pressed', String(muted));
    this.mute.classList.toggle('sv-hud__mute--on', muted);
    this.mute.title = muted ? 'Sound off' : 'Sound on';
  }

  destroy(): void {
    clearInterval(this.timer);
  }

  private tool(label: string, className: string, run: () => void): HTMLButtonElement {
    const button = element('button', `sv-hud__tool ${className}`);
    button.type = 'button';
    button.setAttribute('aria-label', label);
    button.title = label;
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      // Tapped: focus is not left on the button, so the dialog closes back to reading (Space goes on).
      releaseFocusAfterPointer(event);
      run();
    });
    return button;
  }

  /** Keys and diamonds open the store when the shell offers one; otherwise they are plain labels. */
  private counter(className: string, icon: 'key' | 'diamond', glyph: string, count: HTMLElement): HTMLElement {
    const open = this.options.onOpenStore;
    const node = open ? element('button', `sv-hud__pill ${className}`) : element('div', `sv-hud__pill ${className}`);
    const label = element('span', 'sv-hud__label');
    label.append(iconGlyph(icon, glyph), count);
    node.append(label);
    if (node instanceof HTMLButtonElement && open) {
      node.type = 'button';
      node.addEventListener('click', (event) => {
        event.stopPropagation();
        open();
        releaseFocusAfterPointer(event);
      });
    }
    return node;
  }

  private renderTimer(): void {
    const wallet = this.wallet;
    if (wallet === undefined) return;
    const full = wallet.keys >= wallet.keysCap;
    const wait = full ? undefined : msUntil(wallet.nextKeyAt, Date.now());
    this.keysTimer.hidden = wait === undefined;
    this.keysTimer.textContent = wait === undefined ? '' : formatCountdown(wait);
    const next = wait === undefined ? '' : `, next key in ${this.keysTimer.textContent}`;
    this.label(this.keys, `Keys: ${wallet.keys} of ${wallet.keysCap}${next}`);
  }

  /** Buttons get a spoken name; plain labels (no store) are read as their text. */
  private label(node: HTMLElement, name: string): void {
    if (node instanceof HTMLButtonElement) node.setAttribute('aria-label', name);
  }
}
