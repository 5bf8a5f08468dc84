import { button, h } from './dom';
import { everySecond, formatTimeLeft, hasPassed } from './countdown';
import { stageCard } from './stage-card';
import type { StoryRefusal } from './story-connection';

export interface LockedCardOptions {
  refusal: StoryRefusal | null;
  /** The reader pressed "Try again" and was refused again: say so. */
  retried: boolean;
  onTryAgain(): void;
  onBack(): void;
}

/** The chapter could not be opened (NO_KEYS, CHAPTER_LOCKED): why, when, try again, or go back. */
export class LockedCard {
  readonly element: HTMLElement;
  readonly heading: HTMLHeadingElement;
  readonly tryAgain: HTMLButtonElement;
  private stopTicking: () => void = () => {};

  constructor(options: LockedCardOptions) {
    const { refusal } = options;
    const nextKeyAt = refusal?.code === 'NO_KEYS' && typeof refusal.details?.['nextKeyAt'] === 'string' ? refusal.details['nextKeyAt'] : '';
    const countdown = h('p', { className: 'locked-countdown' });
    const tryAgain = button('Try again', () => options.onTryAgain(), 'btn btn-primary');
    const still = h('p', { className: 'locked-retry', attrs: { role: 'status' }, text: options.retried ? stillLocked(refusal) : '' });
    const card = stageCard({
      icon: 'lock',
      title: titleOf(refusal),
      message: messageOf(refusal),
      body: [nextKeyAt ? countdown : null, still],
      actions: [tryAgain, button('Back to story', () => options.onBack(), 'btn btn-ghost')],
      className: 'locked-card',
    });
    this.element = card.element;
    this.heading = card.heading;
    this.tryAgain = tryAgain;
    if (nextKeyAt) {
      this.stopTicking = everySecond(() => {
        const ready = hasPassed(nextKeyAt);
        countdown.textContent = ready ? 'A key is ready. Try again to open the chapter.' : `Next key in ${formatTimeLeft(nextKeyAt)}`;
        countdown.classList.toggle('is-ready', ready);
      });
    }
  }

  destroy(): void {
    this.stopTicking();
  }
}

function titleOf(refusal: StoryRefusal | null): string {
  if (refusal?.code === 'NO_KEYS') return 'You’re out of keys';
  if (refusal?.code === 'CHAPTER_LOCKED') return 'This chapter is locked';
  return 'This chapter can’t be opened yet';
}

function messageOf(refusal: StoryRefusal | null): string {
  if (refusal?.code === 'NO_KEYS') return 'Each new chapter uses one key. Keys come back over time, and replaying a chapter is always free.';
  if (refusal?.code === 'CHAPTER_LOCKED') return 'Finish the chapter before this one first, then come back.';
  return refusal?.message ?? 'Checking whether you can open it…';
}

function stillLocked(refusal: StoryRefusal | null): string {
  if (refusal?.code === 'NO_KEYS') return 'Still no key. Try again once the next one has arrived.';
  if (refusal?.code === 'CHAPTER_LOCKED') return 'Still locked. Finish the chapter before it first.';
  return 'Still locked.';
}
