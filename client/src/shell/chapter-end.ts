import type { SceneSnapshot } from '../player/player-contract';
import type { ChapterChange } from './chapter-changes';
import { everySecond, formatTimeLeft, hasPassed } from './countdown';
import { button, h } from './dom';
import { icon } from './icons';
import { stageCard } from './stage-card';

export interface ChapterEndOptions {
  snapshot: SceneSnapshot;
  /** Worked out asynchronously when the start of the chapter has to be reconstructed. */
  changes: Promise<ChapterChange[]>;
  onNextChapter: (() => void) | null;
  onLibrary(): void;
  /** The label of the way out (default "Back to library"; a preview goes back to the studio). */
  backLabel?: string;
}

/** The chapter-end card: the ending, what changed, keys left, next chapter or back to the library. */
export class ChapterEndCard {
  readonly element: HTMLElement;
  readonly heading: HTMLHeadingElement;
  private stopTicking: () => void = () => {};
  private destroyed = false;
  /** Enter anywhere but on another control presses "Next chapter" (the reader's "go on" key). */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.repeat || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
    const next = this.next;
    if (!next || !this.element.isConnected) return;
    if (event.target instanceof Element && event.target.closest('button, a[href], input, select, textarea, summary, [role="button"]') !== null) return;
    event.preventDefault();
    next();
  };
  private readonly next: (() => void) | null;

  constructor(options: ChapterEndOptions) {
    const { snapshot } = options;
    const changeList = h('ul', { className: 'change-list', attrs: { 'aria-busy': 'true' } }, [h('li', { className: 'change change-muted', text: 'Counting…' })]);
    const keysLine = h('p', { className: 'keys-line' });
    const next = options.onNextChapter;
    this.next = next;
    const actions = [
      next ? button([icon('play', 'icon'), ' Next chapter'], next, 'btn btn-primary') : null,
      button(options.backLabel ?? 'Back to library', () => options.onLibrary(), next ? 'btn btn-ghost' : 'btn btn-primary'),
    ].filter((b): b is HTMLButtonElement => b !== null);

    const card = stageCard({
      dialog: true,
      eyebrow: `Chapter ${snapshot.chapterNumber} complete`,
      title: snapshot.endingTitle || snapshot.chapterTitle || 'The end',
      message: snapshot.endingText || undefined,
      body: [
        h('h3', { className: 'card-subtitle', text: 'What changed' }),
        changeList,
        h('h3', { className: 'card-subtitle', text: 'Your keys' }),
        keysLine,
        next ? null : h('p', { className: 'stage-card-text muted', text: 'You’re all caught up. New chapters are on their way.' }),
      ],
      actions,
      className: 'chapter-end',
    });
    this.element = card.element;
    this.element.classList.add('stage-overlay-dim');
    this.heading = card.heading;
    document.addEventListener('keydown', this.onKeyDown);

    this.stopTicking = everySecond(() => {
      const full = snapshot.keys >= snapshot.keysCap;
      const waiting = !full && snapshot.nextKeyAt && !hasPassed(snapshot.nextKeyAt) ? ` · next in ${formatTimeLeft(snapshot.nextKeyAt)}` : '';
      keysLine.replaceChildren(icon('key', 'icon icon-small'), ` ${snapshot.keys} of ${snapshot.keysCap} left${full ? ' · full' : waiting}`);
    });

    options.changes
      .catch(() => [] as ChapterChange[])
      .then((changes) => {
        if (this.destroyed) return;
        changeList.setAttribute('aria-busy', 'false');
        changeList.replaceChildren(
          ...(changes.length > 0
            ? changes.map((c) => h('li', { className: `change change-${c.tone}`, text: c.text }))
            : [h('li', { className: 'change change-muted', text: 'Nothing this time. Every path counts.' })]),
        );
      });
  }

  destroy(): void {
    this.destroyed = true;
    this.stopTicking();
    document.removeEventListener('keydown', this.onKeyDown);
  }
}
