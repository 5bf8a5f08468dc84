import { h } from './dom';
import { stageCard } from './stage-card';

/** "Opening Chapter 2" with a progress bar while the chapter's assets preload. */
export class LoadingCard {
  readonly element: HTMLElement;
  private readonly fill = h('span', { className: 'progress-fill' });
  private readonly bar: HTMLElement;
  readonly heading: HTMLHeadingElement;

  constructor(title: string) {
    this.bar = h('div', { className: 'progress', attrs: { role: 'progressbar', 'aria-label': title, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0 } }, [this.fill]);
    const card = stageCard({ title, body: [this.bar], className: 'loading-card' });
    this.element = card.element;
    this.heading = card.heading;
    this.element.classList.add('stage-overlay-loading');
  }

  /** Reused from "Opening your story" to "Opening Chapter 2": one card, no flicker. */
  retitle(title: string): void {
    this.heading.textContent = title;
    this.bar.setAttribute('aria-label', title);
  }

  set(fraction: number): void {
    const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
    this.fill.style.width = `${percent}%`;
    this.bar.setAttribute('aria-valuenow', String(percent));
  }
}
