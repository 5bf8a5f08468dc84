import type { Earnings, EarningsLine } from '../../../api/index';
import { ApiFailure } from '../shell/api-failure';
import { button, h } from '../shell/dom';
import { icon } from '../shell/icons';
import { focusableHeading, type Screen, type ShellContext } from '../shell/screen';
import { formatLocalTime } from './schedule-time';
import type { StudioApi } from './studio-api';
import { studioFrame } from './studio-frame';

const PAGE_SIZE = 20;

/** The writer's share of premium choices: the total, by story, then every entry (newest first, "More" pages on). */
export function earningsScreen(context: ShellContext, api: StudioApi): Screen {
  context.setTitle('Earnings · Studio');
  const heading = focusableHeading(h('h1', { className: 'library-title', text: 'Earnings' }));
  const total = h('p', { className: 'earnings-total', attrs: { 'aria-live': 'polite' } }, ['…']);
  const byStory = h('ul', { className: 'earnings-by-story', attrs: { 'aria-labelledby': 'earnings-by-story-heading' } });
  const entries = h('tbody');
  const table = h('table', { className: 'earnings-table', attrs: { hidden: true } }, [
    h('caption', { className: 'visually-hidden', text: 'Each premium choice readers made in your stories, newest first' }),
    h('thead', {}, [h('tr', {}, [h('th', { text: 'When', attrs: { scope: 'col' } }), h('th', { text: 'Story', attrs: { scope: 'col' } }), h('th', { text: 'Chapter', attrs: { scope: 'col' } }), h('th', { text: 'Diamonds', attrs: { scope: 'col' } })])]),
    entries,
  ]);
  const status = h('p', { className: 'library-status', attrs: { role: 'status' } });
  const entriesHeading = focusableHeading(h('h2', { className: 'section-title', text: 'Every share', attrs: { id: 'earnings-entries-heading' } }));
  const more = h('div', { className: 'load-more' });
  const titles = new Map<string, string>();
  let cursor: string | null = null;
  let destroyed = false;

  const frame = studioFrame(context, 'earnings', [
    heading,
    h('p', { className: 'muted studio-lede', text: 'Your share of the diamonds readers spend on premium choices in your stories. Refunds of a reader’s purchase do not take back what you earned.' }),
    h('section', { className: 'studio-card earnings-summary' }, [total]),
    h('section', { className: 'library-section', attrs: { 'aria-labelledby': 'earnings-by-story-heading' } }, [h('h2', { className: 'section-title', text: 'By story', attrs: { id: 'earnings-by-story-heading' } }), byStory]),
    h('section', { className: 'library-section', attrs: { 'aria-labelledby': 'earnings-entries-heading' } }, [entriesHeading, table, status, more]),
  ]);

  function renderTotals(earnings: Earnings): void {
    total.replaceChildren(icon('diamond', 'icon earnings-icon'), h('strong', { text: String(earnings.total) }), ` ${earnings.total === 1 ? 'diamond' : 'diamonds'} earned`);
    for (const story of earnings.byStory) titles.set(story.storyId, story.title);
    byStory.replaceChildren(...earnings.byStory.map((story) => h('li', { className: 'earnings-story' }, [h('span', { text: story.title }), h('span', { className: 'earnings-amount' }, [String(story.diamonds), ' ', icon('diamond', 'icon icon-small earnings-icon'), h('span', { className: 'visually-hidden', text: ' diamonds' })])])));
    if (earnings.byStory.length === 0) byStory.replaceChildren(h('li', { className: 'muted', text: 'Nothing yet: readers’ premium choices in your stories show up here.' }));
  }

  function entryRow(line: EarningsLine): HTMLElement {
    return h('tr', {}, [
      h('td', { text: formatLocalTime(line.at) }),
      h('td', { text: titles.get(line.storyId) ?? line.storyId }),
      h('td', { text: line.chapterId }),
      h('td', { className: 'earnings-amount', text: String(line.diamonds) }),
    ]);
  }

  async function load(first: boolean): Promise<void> {
    status.textContent = first ? '' : 'Loading…';
    more.replaceChildren();
    try {
      const page = await api.earnings(cursor, PAGE_SIZE);
      if (destroyed) return;
      if (first) renderTotals(page);
      const rows = page.entries.map(entryRow);
      entries.append(...rows);
      table.hidden = entries.childElementCount === 0;
      cursor = page.nextCursor;
      status.textContent = entries.childElementCount === 0 ? 'No shares yet.' : first ? '' : `${rows.length} more shown.`;
      if (cursor) more.replaceChildren(button('More', () => void load(false), 'btn btn-outline', { 'aria-label': 'Show more shares' }));
      // "More" was pressed and replaced: keep the keyboard where the reading goes on.
      if (!first) (more.querySelector('button') ?? entriesHeading).focus();
    } catch (error) {
      if (destroyed) return;
      status.textContent = error instanceof ApiFailure ? error.message : 'Your earnings could not be loaded.';
      more.replaceChildren(button('Try again', () => void load(first), 'btn btn-outline'));
    }
  }

  void load(true);
  return {
    element: frame.element,
    heading,
    destroy() {
      destroyed = true;
      frame.destroy();
    },
  };
}
