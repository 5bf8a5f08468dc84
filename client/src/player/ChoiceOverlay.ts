import { choiceAccessibleName } from './choice-label';
import { element, iconGlyph, uniqueId } from './dom';
import type { ChoiceOption } from './player-contract';

export interface ChoiceOverlayHooks {
  choose(choiceId: string): void;
  /** False while the shell shows an overlay or a notice is open. */
  canAct(): boolean;
}

/**
 * The choices: real buttons over the lower stage, named by their text. Premium options carry a
 * diamond badge; locked ones stay focusable (`aria-disabled`) so the reason can be read and shown.
 */
export class ChoiceOverlay {
  readonly root = element('div', 'sv-choices');
  private readonly prompt = element('p', 'sv-choices__prompt');
  private readonly list = element('div', 'sv-choices__list');
  private options: ChoiceOption[] = [];
  private buttons: HTMLButtonElement[] = [];
  private pending = false;

  constructor(private readonly hooks: ChoiceOverlayHooks) {
    this.prompt.id = uniqueId('sv-prompt');
    this.root.setAttribute('role', 'group');
    this.root.setAttribute('aria-labelledby', this.prompt.id);
    this.root.hidden = true;
    this.root.append(this.prompt, this.list);
    this.list.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  show(prompt: string, options: readonly ChoiceOption[], diamonds: number): void {
    this.prompt.textContent = prompt;
    this.prompt.hidden = prompt === '';
    this.render(options, diamonds);
    this.pending = false;
    this.root.hidden = false;
    this.buttons[0]?.focus({ preventScroll: true });
  }

  /** New lock states or wallet for the same choice: updated in place so focus stays put. */
  update(options: readonly ChoiceOption[], diamonds: number): void {
    this.pending = false;
    this.root.removeAttribute('aria-busy');
    if (this.root.hidden) return;
    const focused = this.buttons.findIndex((button) => button === document.activeElement);
    this.render(options, diamonds);
    if (focused >= 0) (this.buttons[focused] ?? this.buttons[0])?.focus({ preventScroll: true });
  }

  /** A refusal came back: the reader may choose again. */
  release(): void {
    this.pending = false;
    this.root.removeAttribute('aria-busy');
  }

  hide(): void {
    this.root.hidden = true;
    this.list.replaceChildren();
    this.buttons = [];
    this.options = [];
  }

  containsFocus(): boolean {
    return this.root.contains(document.activeElement);
  }

  private render(options: readonly ChoiceOption[], diamonds: number): void {
    this.options = [...options];
    this.buttons = this.options.map((option, index) => this.renderButton(option, index, diamonds));
    this.list.replaceChildren(...this.buttons);
  }

  private renderButton(option: ChoiceOption, index: number, diamonds: number): HTMLButtonElement {
    const premium = option.cost > 0;
    const button = element('button', 'sv-choice');
    button.type = 'button';
    button.style.setProperty('--sv-index', String(index));
    button.classList.toggle('sv-choice--premium', premium);
    button.classList.toggle('sv-choice--locked', option.locked);
    button.classList.toggle('sv-choice--short', premium && diamonds < option.cost);
    button.setAttribute('aria-label', choiceAccessibleName(option));

    const main = element('span', 'sv-choice__main');
    main.append(element('span', 'sv-choice__text', option.text));
    if (premium) {
      const badge = element('span', 'sv-choice__badge');
      badge.append(iconGlyph('diamond', '💎'), ` ${option.cost}`);
      main.append(badge);
    }
    button.append(main);

    if (option.locked) {
      button.setAttribute('aria-disabled', 'true');
      const reason = element('span', 'sv-choice__lock', option.lockReason || 'Locked');
      reason.id = uniqueId('sv-lock');
      // Re-written on a click, so screen readers announce the reason again.
      reason.setAttribute('aria-live', 'polite');
      button.setAttribute('aria-describedby', reason.id);
      button.append(reason);
    }
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      this.pick(option, button);
    });
    return button;
  }

  private pick(option: ChoiceOption, button: HTMLButtonElement): void {
    if (!this.hooks.canAct() || this.pending) return;
    if (option.locked) {
      this.showLockReason(button);
      return;
    }
    // One choice per scene: further clicks wait until the shell answers (next scene or a refusal).
    this.pending = true;
    this.root.setAttribute('aria-busy', 'true');
    button.classList.add('sv-choice--picked');
    this.hooks.choose(option.id);
  }

  private showLockReason(button: HTMLButtonElement): void {
    const reason = button.querySelector<HTMLElement>('.sv-choice__lock');
    button.classList.remove('sv-choice--nudge');
    void button.offsetWidth; // restart the CSS animation
    button.classList.add('sv-choice--nudge');
    if (reason === null) return;
    const text = reason.textContent ?? '';
    reason.textContent = '';
    requestAnimationFrame(() => (reason.textContent = text));
  }

  private onKeyDown(event: KeyboardEvent): void {
    const index = this.buttons.findIndex((button) => button === document.activeElement);
    const last = this.buttons.length - 1;
    let target: number | undefined;
    if (event.key === 'ArrowDown' || event.key === 'ArrowRight') target = index >= last ? 0 : index + 1;
    else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') target = index <= 0 ? last : index - 1;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = last;
    if (target === undefined) return;
    event.preventDefault();
    this.buttons[target]?.focus();
  }
}
