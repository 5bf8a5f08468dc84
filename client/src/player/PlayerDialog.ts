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
    this.root.addEventListener('close', () => this.closed());
    // Keys and taps inside a dialog are the dialog's, never "go on reading".
    this.root.addEventListener('click', (event) => event.stopPropagation());
    this.root.addEventListener('keydown', (event) => event.stopPropagation());
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
  }

  close(): void {
    if (this.root.open) this.root.close();
  }

  private closed(): void {
    this.body.replaceChildren();
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus({ preventScroll: true });
    this.onClosed();
  }
}
