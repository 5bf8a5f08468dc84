import { element } from './dom';

/**
 * The canvas is invisible to assistive technology, so the current line also lives here: a polite
 * live region with the whole line from its first moment (not letter by letter), and a Continue
 * button ("Next line", not "Continue": the library's "Continue reading" is another thing) that does
 * what a tap does. Both are visually hidden; the button shows itself on focus.
 */
export class AccessibleLine {
  readonly root = element('div', 'sv-a11y');
  private readonly region = element('div', 'sv-visually-hidden sv-a11y__line');
  private readonly continueButton = element('button', 'sv-continue', 'Next line');

  constructor(onContinue: () => void) {
    this.region.setAttribute('aria-live', 'polite');
    this.region.setAttribute('aria-atomic', 'true');
    this.continueButton.type = 'button';
    this.continueButton.hidden = true;
    this.continueButton.addEventListener('click', (event) => {
      event.stopPropagation();
      onContinue();
    });
    this.root.append(this.region, this.continueButton);
  }

  announce(speaker: string | undefined, text: string): void {
    const line = element('p', 'sv-a11y__text');
    if (speaker !== undefined) line.append(element('span', 'sv-a11y__speaker', speaker), ': ');
    line.append(element('span', 'sv-a11y__words', text));
    this.region.replaceChildren(line);
  }

  clear(): void {
    this.region.replaceChildren();
  }

  /** Offered only while there is a line to go on from (not during choices or waiting). */
  setContinueAvailable(available: boolean): void {
    this.continueButton.hidden = !available;
  }

  focusContinue(): void {
    if (!this.continueButton.hidden) this.continueButton.focus({ preventScroll: true });
  }
}
