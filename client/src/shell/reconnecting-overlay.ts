import { h } from './dom';
import { icon } from './icons';

/** "Reconnecting…" over the stage while the room is rejoined; announced, not focus-stealing. */
export class ReconnectingOverlay {
  readonly element: HTMLElement;
  private readonly text = h('p', { className: 'reconnecting-text', text: 'Reconnecting…' });
  private readonly hint = h('p', { className: 'reconnecting-hint', text: 'Your progress is saved. Hang tight.' });
  private readonly actions = h('div', { className: 'reconnecting-actions' });

  constructor(private readonly backHref: string) {
    this.element = h('div', { className: 'reconnecting', attrs: { role: 'status', hidden: true } }, [
      h('div', { className: 'reconnecting-card' }, [h('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }, [icon('signal', 'icon')]), this.text, this.hint, this.actions]),
    ]);
  }

  show(): void {
    this.text.textContent = 'Reconnecting…';
    this.hint.textContent = 'Your progress is saved. Hang tight.';
    this.actions.replaceChildren();
    this.element.hidden = false;
  }

  /** The session could not be recovered on its own. */
  showLost(onRetry: () => void): void {
    this.text.textContent = 'Connection lost';
    this.hint.textContent = 'We could not get back to your story. Your progress up to the last step is saved.';
    const retry = h('button', { className: 'btn btn-primary btn-small', text: 'Try again', attrs: { type: 'button' }, onClick: onRetry });
    this.actions.replaceChildren(retry, h('a', { className: 'btn btn-ghost btn-small', text: 'Back to story', attrs: { href: this.backHref } }));
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
