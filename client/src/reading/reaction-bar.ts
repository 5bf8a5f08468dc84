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
  private readonly mine = new Set<string>();

  constructor(excerpt: string, onReact: (emoji: string) => void) {
    this.element = h('div', { className: 'rt-reactions', attrs: { role: 'group', 'aria-label': `Reactions to “${excerpt}”` } });
    for (const emoji of REACTION_EMOJIS) {
      const button = h('button', { className: 'rt-reaction', attrs: { type: 'button', 'aria-pressed': 'false' } });
      button.addEventListener('click', () => {
        this.toggleMine(emoji);
        onReact(emoji);
      });
      this.buttons.set(emoji, button);
      this.element.append(button);
    }
    this.update({});
  }

  /** The chapter's counts for this paragraph (from the room state). */
  update(counts: Record<string, number>): void {
    for (const [emoji, button] of this.buttons) {
      const count = counts[emoji] ?? 0;
      // The count stays out of the accessible name's start so the emoji's name comes first.
      button.replaceChildren(h('span', { attrs: { 'aria-hidden': 'true' }, text: emoji }), h('span', { className: 'rt-reaction-count', text: count > 0 ? String(count) : '' }));
      button.setAttribute('aria-label', `${EMOJI_NAMES[emoji] ?? emoji} ${emoji}, ${count}`);
      button.setAttribute('aria-pressed', String(this.mine.has(emoji)));
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
