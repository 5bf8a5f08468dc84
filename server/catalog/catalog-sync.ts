import type { EntityManager } from '@mikro-orm/core';
import type { LoadedStory } from '../../content-pipeline';
import { Chapter, Story } from '../database/entities';
import { retryLostRace } from '../database/lost-race';
import type { Clock } from '../shared/clock';
import { toCatalogRows, type CatalogRows, type ChapterRow, type RejectedStory, type StoryRow } from './catalog-rows';

/** What a sync changed, by id, for the startup log. */
export interface SyncReport {
  storiesAdded: string[];
  storiesUpdated: string[];
  storiesUnlisted: string[];
  chaptersAdded: string[];
  chaptersUpdated: string[];
  chaptersUnlisted: string[];
  /** Valid content the database cannot hold (e.g. a title longer than its column); left out. */
  rejected: RejectedStory[];
}

const STORY_MERGE_FIELDS = ['title', 'description', 'genre', 'coverPath', 'listed', 'updatedAt'] as const;
const CHAPTER_MERGE_FIELDS = ['story', 'number', 'title', 'sha256', 'bundle', 'listed', 'updatedAt'] as const;

/**
 * Makes the stories and chapters tables match the loaded content, in one transaction. Rows are
 * upserted (INSERT … ON CONFLICT), never deleted: progress points at them, so what vanished is
 * unlisted. `publishedAt` and `plays` belong to the row once it exists and are never overwritten.
 * Several processes may run this at once at startup: the upsert makes concurrent inserts of the
 * same story harmless, and a lost race (lock, deadlock) is retried once.
 */
export async function syncCatalog(em: EntityManager, loaded: readonly LoadedStory[], clock: Clock): Promise<SyncReport> {
  const rows = toCatalogRows(loaded);
  return retryLostRace(() => em.fork().transactional((tx) => applyRows(tx, rows, clock.now())));
}

async function applyRows(tx: EntityManager, rows: CatalogRows, now: Date): Promise<SyncReport> {
  const report: SyncReport = { storiesAdded: [], storiesUpdated: [], storiesUnlisted: [], chaptersAdded: [], chaptersUpdated: [], chaptersUnlisted: [], rejected: rows.rejected };
  await syncStories(tx, rows.stories, now, report);
  await syncChapters(tx, rows.chapters, now, report);
  return report;
}

async function syncStories(tx: EntityManager, stories: StoryRow[], now: Date, report: SyncReport): Promise<void> {
  const existing = new Map((await tx.find(Story, {}, { disableIdentityMap: true })).map((s) => [s.id, s]));
  const upserts: Partial<Story>[] = [];
  for (const row of sortedById(stories)) {
    const current = existing.get(row.id);
    if (current !== undefined && !storyChanged(current, row)) continue;
    (current === undefined ? report.storiesAdded : report.storiesUpdated).push(row.id);
    const { publishedAt, ...fields } = row;
    // publishedAt only matters for an insert: it is not among the merge fields.
    upserts.push({ ...fields, publishedAt: publishedAt ?? now, listed: true, updatedAt: now });
  }
  if (upserts.length > 0) {
    await tx.upsertMany(Story, upserts, { onConflictFields: ['id'], onConflictAction: 'merge', onConflictMergeFields: [...STORY_MERGE_FIELDS], disableIdentityMap: true });
  }
  const present = new Set(stories.map((s) => s.id));
  report.storiesUnlisted = [...existing.values()].filter((s) => s.listed && !present.has(s.id)).map((s) => s.id).sort();
  if (report.storiesUnlisted.length > 0) await tx.nativeUpdate(Story, { id: { $in: report.storiesUnlisted } }, { listed: false, updatedAt: now });
}

async function syncChapters(tx: EntityManager, chapters: ChapterRow[], now: Date, report: SyncReport): Promise<void> {
  const found = await tx.find(Chapter, {}, { fields: ['id', 'story', 'number', 'title', 'sha256', 'listed'], disableIdentityMap: true });
  const existing = new Map(found.map((c) => [c.id, c]));
  const upserts: Partial<Record<keyof Chapter, unknown>>[] = [];
  for (const row of sortedById(chapters)) {
    const current = existing.get(row.id);
    if (current !== undefined && !chapterChanged(current, row)) continue;
    (current === undefined ? report.chaptersAdded : report.chaptersUpdated).push(row.id);
    const { storyId, ...fields } = row;
    upserts.push({ ...fields, story: storyId, listed: true, updatedAt: now });
  }
  if (upserts.length > 0) {
    await tx.upsertMany(Chapter, upserts as Partial<Chapter>[], {
      onConflictFields: ['id'],
      onConflictAction: 'merge',
      onConflictMergeFields: [...CHAPTER_MERGE_FIELDS],
      disableIdentityMap: true,
    });
  }
  const present = new Set(chapters.map((c) => c.id));
  report.chaptersUnlisted = found.filter((c) => c.listed && !present.has(c.id)).map((c) => c.id).sort();
  if (report.chaptersUnlisted.length > 0) await tx.nativeUpdate(Chapter, { id: { $in: report.chaptersUnlisted } }, { listed: false, updatedAt: now });
}

function storyChanged(current: Story, row: StoryRow): boolean {
  return !current.listed || current.title !== row.title || current.description !== row.description || current.genre !== row.genre || current.coverPath !== row.coverPath;
}

function chapterChanged(current: Pick<Chapter, 'story' | 'number' | 'title' | 'sha256' | 'listed'>, row: ChapterRow): boolean {
  return !current.listed || current.story.id !== row.storyId || current.number !== row.number || current.title !== row.title || current.sha256 !== row.sha256;
}

/** The same row order in every process keeps concurrent upserts from deadlocking on each other's locks. */
function sortedById<T extends { id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
