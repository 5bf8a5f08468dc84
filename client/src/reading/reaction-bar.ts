import { REACTION_EMOJIS } from '../../../rooms/reading/protocol';
import { h } from '../shell/dom';

const EMOJI_NAMES: Record<string, string> = { '❤️': 'love', '😂': 'laugh', '😮': 'wow', '😢': 'sad', '🔥': 'fire', '👏': 'applause' };

/**
 * The six reactions under a paragraph: real buttons with the chapter's live count; aria-pressed
 * marks the ones this reader left (pressing again takes it back).
 */
export class ReactionBar {
  readonly element: HTMLElement;
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private readonly counts = new Map<string, { shown: number; text: HTMLElement }>();
  private readonly mine = new Set<string>();

  constructor(excerpt: string, onReact: (emoji: string) => void) {
    this.element = h('div', { className: 'rt-reactions', attrs: { role: 'group', 'aria-label': `Reactions to “${excerpt}”` } });
    for (const emoji of REACTION_EMOJIS) {
      const count = h('span', { className: 'rt-reaction-count' });
      // The count stays out of the accessible name's start so the emoji's name comes first.
      const button = h('button', { className: 'rt-reaction', attrs: { type: 'button', 'aria-pressed': 'false' } }, [h('span', { attrs: { 'aria-hidden': 'true' }, text: emoji }), count]);
      button.addEventListener('click', () => {
        this.toggleMine(emoji);
        onReact(emoji);
      });
      this.buttons.set(emoji, button);
      this.counts.set(emoji, { shown: -1, text: count });
      this.element.append(button);
    }
    this.update({});
  }

  /** The chapter's counts for this paragraph (from the room state); touches only the counts that changed. */
  update(counts: Record<string, number>): void {
    for (const [emoji, button] of this.buttons) {
      const count = counts[emoji] ?? 0;
      const shown = this.counts.get(emoji)!;
      if (shown.shown === count) continue;
      shown.shown = count;
      shown.text.textContent = count > 0 ? String(count) : '';
      button.setAttribute('aria-label', `${EMOJI_NAMES[emoji] ?? emoji} ${emoji}, ${count}`);
    }
  }

  /** What the room says this reader has standing here (at join: reactions left on an earlier visit). */
  setMine(emojis: readonly string[]): void {
    this.mine.clear();
    for (const emoji of emojis) this.mine.add(emoji);
    for (const [emoji, button] of this.buttons) button.setAttribute('aria-pressed', String(this.mine.has(emoji)));
  }

  /** A refused reaction (rate limit): this reader's mark goes back. */
  undo(emoji: string): void {
    this.toggleMine(emoji);
  }

  private toggleMine(emoji: string): void {
    if (this.mine.has(emoji)) this.mine.delete(emoji);
    else this.mine.add(emoji);
    this.buttons.get(emoji)?.setAttribute('aria-pressed', String(this.mine.has(emoji)));
  }
}
