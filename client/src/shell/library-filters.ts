import type { StorySort } from '../../../api/index';
import { button, h } from './dom';
import { genreLabel } from './genre-label';

export interface LibraryQuery {
  genre: string;
  sort: StorySort;
}

/** Genre chips and the popular/new toggle; each is a group of pressed/unpressed buttons. */
export class LibraryFilters {
  /** Genre chips and the sort toggle sit in different places of the layout. */
  readonly chips = h('div', { className: 'chips', attrs: { role: 'group', 'aria-label': 'Genre' } });
  readonly sorts = h('div', { className: 'segments segments-small', attrs: { role: 'group', 'aria-label': 'Sort by' } });
  private genres: string[] = [];

  constructor(
    private query: LibraryQuery,
    private readonly onChange: (query: LibraryQuery) => void,
  ) {
    this.render();
  }

  setGenres(genres: string[]): void {
    this.genres = [...new Set([...genres, ...(this.query.genre ? [this.query.genre] : [])])].sort();
    this.render();
  }

  private set(query: LibraryQuery): void {
    this.query = query;
    this.render();
    this.onChange(query);
  }

  private render(): void {
    const focused = document.activeElement;
    const focusKey = focused instanceof HTMLElement && (this.chips.contains(focused) || this.sorts.contains(focused)) ? focused.dataset['key'] : undefined;
    this.chips.replaceChildren(
      ...['', ...this.genres].map((genre) =>
        this.toggle(genre ? genreLabel(genre) : 'All', this.query.genre === genre, `genre:${genre}`, () => this.set({ ...this.query, genre }), 'chip'),
      ),
    );
    this.sorts.replaceChildren(
      ...(['popular', 'new'] as const).map((sort) =>
        this.toggle(sort === 'popular' ? 'Popular' : 'New', this.query.sort === sort, `sort:${sort}`, () => this.set({ ...this.query, sort }), 'segment'),
      ),
    );
    // Re-rendering replaces the buttons; keep keyboard focus on the one just pressed.
    if (focusKey) [this.chips, this.sorts].map((group) => group.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`)).find(Boolean)?.focus();
  }

  private toggle(label: string, pressed: boolean, key: string, onPress: () => void, className: string): HTMLButtonElement {
    const b = button(label, () => {
      if (!pressed) onPress();
    }, className, { 'aria-pressed': String(pressed) });
    b.dataset['key'] = key;
    return b;
  }
}
