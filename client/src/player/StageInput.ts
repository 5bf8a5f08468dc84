const CONTROLS = 'button, a[href], input, select, textarea, summary, [contenteditable=""], [contenteditable="true"], [role="button"]';

/**
 * Taps on the stage and Space/Enter anywhere on the page become "go on". Keys pressed on a real
 * control (a choice, the HUD, the shell's buttons) belong to that control and are left alone.
 */
export class StageInput {
  private readonly onClick = (): void => this.onContinue();
  private readonly onKeyDown = (event: KeyboardEvent): void => this.handleKey(event);

  constructor(
    private readonly surface: HTMLElement,
    private readonly onContinue: () => void,
  ) {
    surface.addEventListener('click', this.onClick);
    window.addEventListener('keydown', this.onKeyDown);
  }

  destroy(): void {
    this.surface.removeEventListener('click', this.onClick);
    window.removeEventListener('keydown', this.onKeyDown);
  }

  private handleKey(event: KeyboardEvent): void {
    if (event.key !== ' ' && event.key !== 'Enter') return;
    if (event.repeat || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof Element && target.closest(CONTROLS) !== null) return;
    event.preventDefault(); // Space would scroll the page
    this.onContinue();
  }
}
