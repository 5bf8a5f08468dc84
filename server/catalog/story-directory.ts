import type { EntityManager } from '@mikro-orm/core';
import { Chapter, Story } from '../database/entities';
import type { Clock } from '../shared/clock';
import { TtlCache } from '../shared/ttl-cache';

/** A listed chapter as a session needs it: which one, in what order, and its content hash. */
export interface ChapterLayout {
  id: string;
  number: number;
  sha256: string;
}

export interface StoryDirectoryDeps {
  em: EntityManager;
  clock: Clock;
  /** How stale a layout may be. Content changes only when some process publishes, so seconds are fine. */
  ttlMs: number;
}

const MAX_STORIES = 10_000;

/**
 * The listed chapters of each listed story, read once per TTL instead of on every join. A publish in
 * this process clears it at once; a release or publish told through CatalogChanges (wired by the
 * composition root) clears that story; anything else shows within the TTL.
 */
export class StoryDirectory {
  private readonly layouts: TtlCache<string, ChapterLayout[] | null>;

  constructor(private readonly deps: StoryDirectoryDeps) {
    this.layouts = new TtlCache({ ttlMs: deps.ttlMs, maxEntries: MAX_STORIES, clock: deps.clock });
  }

  /** The story's listed chapters in order, or null when there is no such listed story (or it has no chapters). */
  chaptersOf(storyId: string): Promise<ChapterLayout[] | null> {
    return this.layouts.get(storyId, () => this.load(storyId));
  }

  forgetAll(): void {
    this.layouts.clear();
  }

  /** Forgets one story's layout (null: every story's), after a release or publish anywhere in the cluster. */
  forget(storyId: string | null): void {
    if (storyId === null) this.layouts.clear();
    else this.layouts.delete(storyId);
  }

  private async load(storyId: string): Promise<ChapterLayout[] | null> {
    const em = this.deps.em.fork();
    const story = await em.findOne(Story, { id: storyId, listed: true }, { fields: ['id'] });
    if (!story) return null;
    const chapters = await em.find(Chapter, { story: storyId, listed: true }, { orderBy: { number: 'asc' }, fields: ['id', 'number', 'sha256'] });
    return chapters.length === 0 ? null : chapters.map(({ id, number, sha256 }) => ({ id, number, sha256 }));
  }
}
