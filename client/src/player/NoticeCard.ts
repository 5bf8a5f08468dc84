import { element, uniqueId } from './dom';

export interface Notice {
  title: string;
  message: string;
  action?: { label: string; run(): void };
}

/**
 * A refusal or message over the stage (`alertdialog`): it takes focus, keeps Tab inside, and
 * gives focus back to where the reader was when it closes (Escape, OK or the action).
 */
export class NoticeCard {
  readonly root = element('div', 'sv-notice-layer');
  private returnFocus: HTMLElement | undefined;

  /** `onClosed`: the reader is back on the stage (auto-play may go on). */
  constructor(private readonly onClosed: () => void = () => undefined) {
    this.root.hidden = true;
    this.root.addEventListener('click', (event) => event.stopPropagation());
    this.root.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  get open(): boolean {
    return !this.root.hidden;
  }

  show(notice: Notice): void {
    if (!this.open) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement && active !== document.body ? active : undefined;
    }
    const card = element('div', 'sv-notice');
    const titleId = uniqueId('sv-notice-title');
    const messageId = uniqueId('sv-notice-message');
    card.setAttribute('role', 'alertdialog');
    card.setAttribute('aria-modal', 'true');
    card.setAttribute('aria-labelledby', titleId);
    card.setAttribute('aria-describedby', messageId);
    card.tabIndex = -1;

    const title = element('h2', 'sv-notice__title', notice.title);
    title.id = titleId;
    const message = element('p', 'sv-notice__message', notice.message);
    message.id = messageId;
    const actions = element('div', 'sv-notice__actions');
    const ok = this.button('OK', 'sv-notice__ok', () => this.close());
    if (notice.action) {
      const { label, run } = notice.action;
      actions.append(
        this.button(label, 'sv-notice__action', () => {
          this.close();
          run();
        }),
      );
    }
    actions.append(ok);
    card.append(element('span', 'sv-notice__glow'), title, message, actions);
    this.root.replaceChildren(card);
    this.root.hidden = false;
    // The card itself takes focus so its message is read first; Enter on it means OK.
    card.focus({ preventScroll: true });
  }

  close(): void {
    if (!this.open) return;
    this.root.hidden = true;
    this.root.replaceChildren();
    const target = this.returnFocus;
    this.returnFocus = undefined;
    if (target?.isConnected && !target.hidden) target.focus({ preventScroll: true });
    this.onClosed();
  }

  private button(label: string, className: string, onClick: () => void): HTMLButtonElement {
    const button = element('button', `sv-notice__button ${className}`, label);
    button.type = 'button';
    button.addEventListener('click', onClick);
    return button;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
      return;
    }
    const onCard = event.target instanceof HTMLElement && event.target.classList.contains('sv-notice');
    if (onCard && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      this.close();
      return;
    }
    if (event.key !== 'Tab') return;
    const buttons = Array.from(this.root.querySelectorAll('button'));
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (first === undefined || last === undefined) return;
    if (event.shiftKey && (document.activeElement === first || onCard)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
}
