import type { EntityManager } from '@mikro-orm/core';
import type { LoadedStory } from '../../content-pipeline';
import { Chapter, ChapterDraft, ChapterVersion, Story } from '../database/entities';
import { retryLostRace } from '../database/lost-race';
import type { Clock } from '../shared/clock';
import { toCatalogRows, type CatalogRows, type ChapterRow, type RejectedStory, type StoryRow } from './catalog-rows';
import { ensureOriginalsAccount, ORIGINALS_USER_ID } from './originals-account';

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

const STORY_MERGE_FIELDS = ['title', 'description', 'genre', 'coverPath', 'owner', 'listed', 'updatedAt'] as const;
const CHAPTER_MERGE_FIELDS = ['story', 'number', 'title', 'sha256', 'bundle', 'listed', 'updatedAt'] as const;

/**
 * Makes the content stories (`origin = 'content'`) and their chapters match the loaded content, in
 * one transaction, owned by the "StoryVerse Originals" account. Rows are upserted (INSERT … ON
 * CONFLICT), never deleted: progress points at them, so what vanished is unlisted. `publishedAt`
 * and `plays` belong to the row once it exists and are never overwritten. Studio stories are never
 * touched: a content story whose id, or one of whose chapter ids, a studio story already has is
 * rejected (and logged with the other rejected stories).
 * Several processes may run this at once at startup: the upsert makes concurrent inserts of the
 * same story harmless, and a lost race (lock, deadlock) is retried once.
 */
export async function syncCatalog(em: EntityManager, loaded: readonly LoadedStory[], clock: Clock): Promise<SyncReport> {
  const rows = toCatalogRows(loaded);
  return retryLostRace(() => em.fork().transactional((tx) => applyRows(tx, rows, clock.now())));
}

async function applyRows(tx: EntityManager, loadedRows: CatalogRows, now: Date): Promise<SyncReport> {
  await ensureOriginalsAccount(tx, now);
  const rows = withoutStudioIds(loadedRows, await studioIds(tx));
  const report: SyncReport = { storiesAdded: [], storiesUpdated: [], storiesUnlisted: [], chaptersAdded: [], chaptersUpdated: [], chaptersUnlisted: [], rejected: rows.rejected };
  await syncStories(tx, rows.stories, now, report);
  await syncChapters(tx, rows.chapters, now, report);
  return report;
}

async function syncStories(tx: EntityManager, stories: StoryRow[], now: Date, report: SyncReport): Promise<void> {
  const existing = new Map((await tx.find(Story, { origin: 'content' }, { disableIdentityMap: true })).map((s) => [s.id, s]));
  const upserts: Partial<Story>[] = [];
  for (const row of sortedById(stories)) {
    const current = existing.get(row.id);
    if (current !== undefined && !storyChanged(current, row)) continue;
    (current === undefined ? report.storiesAdded : report.storiesUpdated).push(row.id);
    const { publishedAt, ...fields } = row;
    // publishedAt only matters for an insert: it is not among the merge fields.
    upserts.push({ ...fields, origin: 'content', owner: ORIGINALS_USER_ID as never, publishedAt: publishedAt ?? now, listed: true, updatedAt: now });
  }
  if (upserts.length > 0) {
    // The condition keeps a studio story created since studioIds() was read from being overwritten.
    await tx.upsertMany(Story, upserts, { onConflictFields: ['id'], onConflictAction: 'merge', onConflictMergeFields: [...STORY_MERGE_FIELDS], onConflictWhere: { origin: 'content' }, disableIdentityMap: true });
  }
  const present = new Set(stories.map((s) => s.id));
  report.storiesUnlisted = [...existing.values()].filter((s) => s.listed && !present.has(s.id)).map((s) => s.id).sort();
  if (report.storiesUnlisted.length > 0) await tx.nativeUpdate(Story, { id: { $in: report.storiesUnlisted } }, { listed: false, updatedAt: now });
}

async function syncChapters(tx: EntityManager, chapters: ChapterRow[], now: Date, report: SyncReport): Promise<void> {
  const found = await tx.find(Chapter, { story: { origin: 'content' } }, { fields: ['id', 'story', 'number', 'title', 'sha256', 'listed'], disableIdentityMap: true });
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

/** The ids the studio holds: its stories, and the chapter ids of their chapters, drafts and versions. */
async function studioIds(tx: EntityManager): Promise<{ stories: Set<string>; chapters: Set<string> }> {
  const stories = await tx.find(Story, { origin: { $ne: 'content' } }, { fields: ['id'], disableIdentityMap: true });
  const chapters = await tx.find(Chapter, { story: { origin: { $ne: 'content' } } }, { fields: ['id'], disableIdentityMap: true });
  const drafts = await tx.find(ChapterDraft, {}, { fields: ['id'], disableIdentityMap: true });
  const versions = await tx.find(ChapterVersion, {}, { fields: ['chapterId'], disableIdentityMap: true });
  return { stories: new Set(stories.map((s) => s.id)), chapters: new Set([...chapters.map((c) => c.id), ...drafts.map((d) => d.id), ...versions.map((v) => v.chapterId)]) };
}

/** Content stories that would take over a studio story's id or one of its chapter ids are rejected. */
function withoutStudioIds(rows: CatalogRows, taken: { stories: Set<string>; chapters: Set<string> }): CatalogRows {
  const rejected: RejectedStory[] = [...rows.rejected];
  for (const story of rows.stories) {
    const chapter = rows.chapters.find((c) => c.storyId === story.id && taken.chapters.has(c.id));
    if (taken.stories.has(story.id)) rejected.push({ storyId: story.id, reason: 'a studio story already has this id' });
    else if (chapter) rejected.push({ storyId: story.id, reason: `chapter id ${chapter.id} is already used by a studio story` });
  }
  const refused = new Set(rejected.map((r) => r.storyId));
  return { stories: rows.stories.filter((s) => !refused.has(s.id)), chapters: rows.chapters.filter((c) => !refused.has(c.storyId)), rejected };
}

function storyChanged(current: Story, row: StoryRow): boolean {
  return !current.listed || current.owner?.id !== ORIGINALS_USER_ID || current.title !== row.title || current.description !== row.description || current.genre !== row.genre || current.coverPath !== row.coverPath;
}

function chapterChanged(current: Pick<Chapter, 'story' | 'number' | 'title' | 'sha256' | 'listed'>, row: ChapterRow): boolean {
  return !current.listed || current.story.id !== row.storyId || current.number !== row.number || current.title !== row.title || current.sha256 !== row.sha256;
}

/** The same row order in every process keeps concurrent upserts from deadlocking on each other's locks. */
function sortedById<T extends { id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
