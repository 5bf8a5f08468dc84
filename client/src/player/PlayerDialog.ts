import { element, uniqueId } from './dom';

/**
 * A modal dialog over the player (the native <dialog>: focus stays inside, Escape closes it). Its
 * body is built on every open and emptied on close, so what it shows is always current and nothing
 * of it lingers in the page while closed. Focus goes back to whatever opened it.
 */
export class PlayerDialog {
  readonly root = element('dialog', 'sv-dialog');
  private readonly heading = element('h2', 'sv-dialog__title');
  private readonly body = element('div', 'sv-dialog__body');
  private opener: HTMLElement | null = null;
  /** Between show() and the tidy-up after closing (which runs once, however it closed). */
  private shown = false;

  constructor(
    title: string,
    private readonly build: (body: HTMLElement) => void,
    private readonly onClosed: () => void = () => undefined,
  ) {
    this.heading.id = uniqueId('sv-dialog');
    this.heading.textContent = title;
    this.root.setAttribute('aria-labelledby', this.heading.id);
    const close = element('button', 'sv-dialog__close', 'Close');
    close.type = 'button';
    close.addEventListener('click', () => this.close());
    const top = element('div', 'sv-dialog__top');
    top.append(this.heading, close);
    this.root.append(top, this.body);
    // Closed some other way than close() (none today): tidy up when the browser says so.
    this.root.addEventListener('close', () => this.closed());
    // Keys and taps inside a dialog are the dialog's, never "go on reading".
    this.root.addEventListener('click', (event) => event.stopPropagation());
    this.root.addEventListener('keydown', (event) => {
      event.stopPropagation();
      // Escape closes through close(), not the browser's close request: Chromium fires that
      // request's `close` event a task later, and until then focus sat on the hidden Close button,
      // so a quick next key (Escape to pause) went nowhere.
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        this.close();
      }
    });
  }

  get open(): boolean {
    return this.root.open;
  }

  show(): void {
    if (this.root.open) return;
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.body.replaceChildren();
    this.build(this.body);
    this.root.showModal();
    this.shown = true;
  }

  /** `returnFocus: false` when the caller puts focus somewhere better itself (right after this call). */
  close({ returnFocus = true }: { returnFocus?: boolean } = {}): void {
    if (!this.root.open) return;
    if (!returnFocus) this.opener = null;
    this.root.close();
    this.closed();
  }

  private closed(): void {
    if (!this.shown) return;
    this.shown = false;
    this.body.replaceChildren();
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus({ preventScroll: true });
    // Nothing focusable opened it (a tap on a page with nothing focused: the opener is the body):
    // focus must still leave the closed dialog, or its keys would never reach the player.
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && this.root.contains(focused)) focused.blur();
    this.onClosed();
  }
}
