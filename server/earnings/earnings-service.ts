import type { EntityManager } from '@mikro-orm/core';
import type { Earnings } from '../../api/studio';
import { EarningsEntry, User } from '../database/entities';
import { DomainError } from '../shared/domain-error';
import { decodeEarningsCursor, encodeEarningsCursor } from './earnings-cursor';

export interface EarningsPageRequest {
  cursor?: string;
  /** 1–100 (the router checks it). */
  limit: number;
}

/** A writer's diamonds by story, biggest first; titles from the catalog (the story id when it has none). */
const BY_STORY_SQL =
  'select e.story_id as "storyId", s.title as "title", sum(e.diamonds) as "diamonds" from earnings_ledger e left join stories s on s.id = e.story_id ' +
  'where e.writer_id = ? group by e.story_id, s.title order by sum(e.diamonds) desc, e.story_id';

interface StoryTotalRow {
  storyId: string;
  title: string | null;
  diamonds: number | string;
}

/** `GET /v1/studio/earnings`: what a writer earned from readers' premium choices (read-only over the ledger). */
export class EarningsService {
  constructor(private readonly deps: { em: EntityManager }) {}

  async earningsOf(userId: string, page: EarningsPageRequest): Promise<Earnings> {
    const em = this.deps.em.fork();
    // Before any query: a bad cursor is a 400 however the rest would go.
    const below = page.cursor === undefined ? undefined : decodeEarningsCursor(page.cursor);
    const user = await em.findOne(User, { id: userId }, { fields: ['isGuest'] });
    if (!user) throw new DomainError('USER_NOT_FOUND', 'This account no longer exists');
    // As in the rest of the studio: writers are email accounts.
    if (user.isGuest) throw new DomainError('GUEST_NOT_ALLOWED', 'Sign up with an email to write stories and see earnings');

    const rows = await em.find(
      EarningsEntry,
      below === undefined ? { writer: userId } : { writer: userId, id: { $lt: below } },
      // The (writer, id) index serves this page whatever the ledger's size.
      { fields: ['id', 'storyId', 'chapterId', 'diamonds', 'createdAt'], orderBy: { id: 'desc' }, limit: page.limit + 1 },
    );
    const entries = rows.slice(0, page.limit);
    const totals = (await em.getConnection().execute(BY_STORY_SQL, [userId])) as StoryTotalRow[];
    const byStory = totals.map((row) => ({
      storyId: row.storyId,
      title: row.title ?? row.storyId,
      // PostgreSQL sums integers to a bigint, which its driver hands over as text.
      diamonds: Number(row.diamonds),
    }));
    return {
      total: byStory.reduce((sum, story) => sum + story.diamonds, 0),
      byStory,
      entries: entries.map((entry) => ({ storyId: entry.storyId, chapterId: entry.chapterId, diamonds: entry.diamonds, at: entry.createdAt.toISOString() })),
      nextCursor: rows.length > page.limit ? encodeEarningsCursor(entries.at(-1)!.id) : null,
    };
  }
}
