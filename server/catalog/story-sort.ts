import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { Story } from '../database/entities';

export const STORY_SORTS = ['popular', 'new'] as const;
export type StorySort = (typeof STORY_SORTS)[number];

/** Where a page ended: the sort it belongs to and the last row's sort key (id breaks ties). */
export type PageKey = { sort: 'popular'; plays: number; id: string } | { sort: 'new'; publishedAt: Date; id: string };

export function orderFor(sort: StorySort): QueryOrderMap<Story> {
  return sort === 'popular' ? { plays: 'desc', id: 'asc' } : { publishedAt: 'desc', id: 'asc' };
}

/** The key the next page starts after, taken from the last row of this one. */
export function keyOf(sort: StorySort, story: Story): PageKey {
  return sort === 'popular' ? { sort, plays: story.plays, id: story.id } : { sort, publishedAt: story.publishedAt, id: story.id };
}

/**
 * Keyset condition "strictly after `key` in this order": rows are found through the index rather
 * than skipped with OFFSET, and a story published meanwhile does not shift later pages.
 */
export function afterKey(key: PageKey): FilterQuery<Story> {
  if (key.sort === 'popular') return { $or: [{ plays: { $lt: key.plays } }, { plays: key.plays, id: { $gt: key.id } }] };
  return { $or: [{ publishedAt: { $lt: key.publishedAt } }, { publishedAt: key.publishedAt, id: { $gt: key.id } }] };
}
