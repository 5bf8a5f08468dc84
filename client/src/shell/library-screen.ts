import { ApiFailure } from './api-failure';
import type { StorySummary } from '../../../api/index';
import { ContinueReading } from './continue-reading';
import { button, h } from './dom';
import { LibraryFilters, type LibraryQuery } from './library-filters';
import { LibraryHeader } from './library-header';
import { focusableHeading, type Screen, type ShellContext } from './screen';
import { featuredStory } from './featured-story';
import { featuredPick } from './reading-state';
import { storyCard } from './story-card';

const PAGE_SIZE = 12;
// Kept for the app's lifetime: coming back from a story page finds the same filter.
let lastQuery: LibraryQuery = { genre: '', sort: 'popular' };
/** Every genre and the most-read story, from one unfiltered page; fetched once per app load. */
let overview: Promise<{ genres: string[]; popular: StorySummary[] }> | null = null;

/** Continue reading, then every story: genre chips, popular/new, "load more". */
export function libraryScreen(context: ShellContext): Screen {
  context.setTitle('Library');
  const header = new LibraryHeader(context);
  const continueReading = new ContinueReading(context.api);
  const heading = focusableHeading(h('h1', { className: 'library-title', text: 'Find your next story' }));
  const grid = h('div', { className: 'story-grid', attrs: { 'aria-busy': 'true' } });
  const status = h('p', { className: 'library-status', attrs: { role: 'status' } });
  const more = h('div', { className: 'load-more' });
  const featuredSlot = h('div', { className: 'featured-slot' });
  let cursor: string | null = null;
  let generation = 0;
  let destroyed = false;

  const filters = new LibraryFilters(lastQuery, (query) => {
    lastQuery = query;
    void load(true);
  });

  async function load(fresh: boolean): Promise<void> {
    const mine = ++generation;
    if (fresh) {
      cursor = null;
      grid.replaceChildren(...skeletons(6));
      grid.setAttribute('aria-busy', 'true');
    }
    status.textContent = '';
    more.replaceChildren();
    try {
      const page = await context.api.stories({ genre: lastQuery.genre || undefined, sort: lastQuery.sort, cursor, limit: PAGE_SIZE });
      if (destroyed || mine !== generation) return;
      if (fresh) grid.replaceChildren();
      const cards = page.items.map(storyCard);
      grid.append(...cards);
      grid.setAttribute('aria-busy', 'false');
      continueReading.add(page.items);
      cursor = page.nextCursor;
      if (grid.childElementCount === 0) status.textContent = lastQuery.genre ? 'No stories in this genre yet.' : 'No stories yet. Check back soon.';
      if (cursor) more.replaceChildren(button('Load more stories', () => void loadMore(), 'btn btn-outline'));
      if (!fresh) cards[0]?.querySelector<HTMLElement>('a')?.focus();
    } catch (error) {
      if (destroyed || mine !== generation) return;
      grid.setAttribute('aria-busy', 'false');
      if (fresh) grid.replaceChildren();
      status.textContent = error instanceof ApiFailure ? error.message : 'The stories could not be loaded.';
      more.replaceChildren(button('Try again', () => void load(fresh), 'btn btn-outline'));
    }
  }

  async function loadMore(): Promise<void> {
    more.replaceChildren(h('span', { className: 'muted', text: 'Loading…' }));
    await load(false);
  }

  overview ??= context.api
    .stories({ sort: 'popular', limit: 50 })
    .then((page) => ({ genres: [...new Set(page.items.map((s) => s.genre))], popular: page.items }))
    .catch(() => {
      overview = null;
      return { genres: [], popular: [] };
    });
  void overview.then(async ({ genres, popular }) => {
    if (destroyed) return;
    filters.setGenres(genres);
    // The banner is for finding something to read: never a story this reader has finished.
    const progress = await context.api.allProgress().catch(() => []);
    const featured = featuredPick(popular, progress);
    if (featured && !destroyed) featuredSlot.replaceChildren(featuredStory(featured));
  });
  void load(true);

  const element = h('div', { className: 'screen library-screen' }, [
    header.element,
    h('main', { className: 'library-main' }, [
      heading,
      // A returning reader's own stories come first; the banner is for finding new ones.
      continueReading.element,
      featuredSlot,
      h('section', { className: 'library-section', attrs: { 'aria-labelledby': 'all-stories-heading' } }, [
        h('div', { className: 'section-head' }, [h('h2', { className: 'section-title', text: 'All stories', attrs: { id: 'all-stories-heading' } }), filters.sorts]),
        filters.chips,
        grid,
        status,
        more,
      ]),
    ]),
  ]);

  return {
    element,
    heading,
    destroy() {
      destroyed = true;
      header.destroy();
      continueReading.destroy();
    },
  };
}

function skeletons(count: number): HTMLElement[] {
  return Array.from({ length: count }, () => h('div', { className: 'story-card skeleton', attrs: { 'aria-hidden': 'true' } }, [h('div', { className: 'cover story-card-cover' }), h('div', { className: 'story-card-body' }, [h('span', { className: 'skeleton-line' }), h('span', { className: 'skeleton-line short' })])]));
}
