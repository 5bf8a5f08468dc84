import type { EntityManager } from '@mikro-orm/core';
import { Chapter, ChapterVersion, Story } from '../database/entities';
import { retryLostRace } from '../database/lost-race';

/** One chapter version that became what readers get. */
export interface ReleasedChapter {
  storyId: string;
  chapterId: string;
  version: number;
  sha256: string;
}

const CHAPTER_MERGE_FIELDS = ['story', 'number', 'title', 'sha256', 'bundle', 'listed', 'updatedAt'] as const;

/**
 * Makes every due chapter version (`releaseAt <= now`, not yet released) what readers get, in one
 * transaction: the highest due version of each chapter becomes its `chapters` row, its story is
 * listed (a first release dates the story's `publishedAt`), and that version and every older one
 * still pending are marked released (an older one is superseded: it must never replace a newer one
 * later). Idempotent. Safe when several processes run it at once: each chapter is claimed by a
 * conditional UPDATE, so only the process whose claim changed rows writes the chapter; a lost race
 * (deadlock, lock timeout) is retried once.
 */
export function releaseDueChapters(em: EntityManager, now: Date): Promise<ReleasedChapter[]> {
  return retryLostRace(() => em.fork().transactional((tx) => releaseIn(tx, now)));
}

async function releaseIn(tx: EntityManager, now: Date): Promise<ReleasedChapter[]> {
  const due = await tx.find(
    ChapterVersion,
    { releasedAt: null, releaseAt: { $lte: now } },
    // Chapter by chapter in id order (the same lock order in every process), newest version first.
    { fields: ['chapterId', 'version', 'story'], orderBy: { chapterId: 'asc', version: 'desc' }, disableIdentityMap: true },
  );
  const newestDue = new Map<string, (typeof due)[number]>();
  for (const version of due) if (!newestDue.has(version.chapterId)) newestDue.set(version.chapterId, version);
  const released: ReleasedChapter[] = [];
  for (const head of newestDue.values()) {
    const chapter = await releaseChapter(tx, head.chapterId, head.version, head.story.id, now);
    if (chapter) released.push(chapter);
  }
  return released;
}

async function releaseChapter(tx: EntityManager, chapterId: string, version: number, storyId: string, now: Date): Promise<ReleasedChapter | null> {
  // A chapter id that another story's chapter already has is not taken over (the studio refuses
  // such ids at upload; this guards the readers of the other story all the same): it stays pending.
  const existing = await tx.findOne(Chapter, { id: chapterId }, { fields: ['story'], disableIdentityMap: true });
  if (existing !== null && existing.story.id !== storyId) return null;
  // The claim: of processes releasing at once, the one whose UPDATE changed rows goes on.
  const claimed = await tx.nativeUpdate(ChapterVersion, { chapterId, version: { $lte: version }, releasedAt: null }, { releasedAt: now });
  if (claimed === 0) return null;
  const row = await tx.findOneOrFail(ChapterVersion, { chapterId, version }, { populate: ['bundle'], disableIdentityMap: true });
  await tx.upsertMany(
    Chapter,
    [{ id: chapterId, story: storyId, number: row.number, title: row.title, sha256: row.sha256, bundle: row.bundle, listed: true, updatedAt: now } as unknown as Partial<Chapter>],
    { onConflictFields: ['id'], onConflictAction: 'merge', onConflictMergeFields: [...CHAPTER_MERGE_FIELDS], disableIdentityMap: true },
  );
  // The first release lists the story, and that moment is when it was published ("new" sorts by it).
  await tx.nativeUpdate(Story, { id: storyId, listed: false }, { listed: true, publishedAt: now, updatedAt: now });
  return { storyId, chapterId, version, sha256: row.sha256 };
}
