import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { LoadedStory } from '../../content-pipeline';
import { Chapter, Story, StudioAsset } from '../database/entities';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { TtlCache } from '../shared/ttl-cache';
import { syncCatalog, type SyncReport } from './catalog-sync';
import { decodeCursor, encodeCursor } from './page-cursor';
import { StoryAssets } from './story-assets';
import type { StoryDirectory } from './story-directory';
import { afterKey, keyOf, orderFor, type StorySort } from './story-sort';
import { toChapterSummary, toStorySummary, type StoryDetail, type StoryPage } from './story-views';

export interface CatalogDeps {
  em: EntityManager;
  clock: Clock;
  /** How long a listing page or story answer is served from memory (popularity moves with plays); 0 reads every time. */
  cacheTtlMs?: number;
  /** The story layouts sessions read; cleared whenever this process publishes. */
  directory?: StoryDirectory;
}

/** Enough for every genre × sort × a few pages deep, and every story's detail. */
const MAX_CACHED_ANSWERS = 2000;

export interface ListStoriesQuery {
  genre?: string | undefined;
  sort: StorySort;
  cursor?: string | undefined;
  limit: number;
}

export interface ChapterBundleBody {
  bundle: Record<string, unknown>;
  sha256: string;
}

/**
 * The story catalog: publishes loaded content into the database, and answers the catalog
 * routes from it. Each call works in its own entity-manager fork (one context per request).
 */
export class CatalogService {
  /** storyId → its folder and servable assets, for this process (files are local to it). */
  private assets = new Map<string, StoryAssets>();
  private readonly pages: TtlCache<string, StoryPage>;
  private readonly details: TtlCache<string, StoryDetail>;

  constructor(private readonly deps: CatalogDeps) {
    const cache = { ttlMs: deps.cacheTtlMs ?? 0, maxEntries: MAX_CACHED_ANSWERS, clock: deps.clock };
    this.pages = new TtlCache(cache);
    this.details = new TtlCache(cache);
  }

  /** Syncs the content into the database, then serves assets from the published folders. */
  async publish(loaded: readonly LoadedStory[]): Promise<SyncReport> {
    const report = await syncCatalog(this.deps.em, loaded, this.deps.clock);
    const rejected = new Set(report.rejected.map((r) => r.storyId));
    this.assets = new Map(loaded.filter((s) => !rejected.has(s.manifest.id)).map((s) => [s.manifest.id, new StoryAssets(s.dir, s.assets)]));
    this.pages.clear();
    this.details.clear();
    this.deps.directory?.forgetAll();
    return report;
  }

  /**
   * Drops what this process caches about a story (null: about every story) after a release or
   * publish anywhere in the cluster: its detail, and every listing page (a page holds many stories).
   */
  forget(storyId: string | null): void {
    if (storyId === null) this.details.clear();
    else this.details.delete(storyId);
    this.pages.clear();
  }

  listStories(query: ListStoriesQuery): Promise<StoryPage> {
    const key = `${query.sort}|${query.limit}|${query.genre ?? ''}|${query.cursor ?? ''}`;
    return this.pages.get(key, () => this.readPage(query));
  }

  getStory(storyId: string): Promise<StoryDetail> {
    return this.details.get(storyId, () => this.readStory(storyId));
  }

  private async readPage(query: ListStoriesQuery): Promise<StoryPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
    const conditions: FilterQuery<Story>[] = [{ listed: true }];
    if (query.genre !== undefined) conditions.push({ genre: query.genre });
    if (after !== undefined) conditions.push(afterKey(after));
    const em = this.deps.em.fork();
    // One extra row tells whether another page follows without a COUNT.
    const rows = await em.find(Story, { $and: conditions }, { orderBy: orderFor(query.sort), limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const counts = await this.chapterCounts(em, page.map((s) => s.id));
    const last = page.at(-1);
    return {
      items: page.map((story) => toStorySummary(story, counts.get(story.id) ?? 0)),
      nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(keyOf(query.sort, last)) : null,
    };
  }

  private async readStory(storyId: string): Promise<StoryDetail> {
    const em = this.deps.em.fork();
    const story = await em.findOne(Story, { id: storyId, listed: true });
    if (story === null) throw new DomainError('STORY_NOT_FOUND', `No story ${storyId}`, { storyId });
    const chapters = await em.find(Chapter, { story: storyId, listed: true }, { orderBy: { number: 'asc', id: 'asc' } });
    return { ...toStorySummary(story, chapters.length), chapters: chapters.map(toChapterSummary) };
  }

  /** The current content hash of a chapter, without loading its bundle (for redirects and 304s). */
  async bundleVersion(chapterId: string): Promise<string> {
    const chapter = await this.deps.em.fork().findOne(Chapter, { id: chapterId, listed: true }, { fields: ['sha256'] });
    if (chapter === null) throw chapterNotFound(chapterId);
    return chapter.sha256;
  }

  async getBundle(chapterId: string): Promise<ChapterBundleBody> {
    const chapter = await this.deps.em.fork().findOne(Chapter, { id: chapterId, listed: true }, { populate: ['bundle'] });
    if (chapter === null) throw chapterNotFound(chapterId);
    return { bundle: chapter.bundle, sha256: chapter.sha256 };
  }

  /** Whether this process serves the story's assets from CONTENT_DIR (a content story it published). */
  servesContentAssets(storyId: string): boolean {
    return this.assets.has(storyId);
  }

  /** The absolute file behind a story asset URL, only for assets the story's content references. */
  assetPath(storyId: string, relPath: string): string {
    const path = this.assets.get(storyId)?.resolve(relPath);
    if (path === undefined) throw assetNotFound(storyId, relPath);
    return path;
  }

  /**
   * The SHA-256 (the name in the asset store) of a file a writer uploaded to a studio story, by its
   * path in the story. Only a listed story's assets are public: readers see a studio story from its
   * first released chapter on.
   */
  async studioAssetSha256(storyId: string, relPath: string): Promise<string> {
    const asset = await this.deps.em.fork().findOne(StudioAsset, { story: { id: storyId, origin: 'studio', listed: true }, path: relPath }, { fields: ['sha256'] });
    if (asset === null) throw assetNotFound(storyId, relPath);
    return asset.sha256;
  }

  private async chapterCounts(em: EntityManager, storyIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (storyIds.length === 0) return counts;
    const chapters = await em.find(Chapter, { story: { $in: storyIds }, listed: true }, { fields: ['story'] });
    for (const chapter of chapters) counts.set(chapter.story.id, (counts.get(chapter.story.id) ?? 0) + 1);
    return counts;
  }
}

function assetNotFound(storyId: string, relPath: string): DomainError {
  return new DomainError('ASSET_NOT_FOUND', `No asset ${relPath} in story ${storyId}`, { storyId, path: relPath });
}

function chapterNotFound(chapterId: string): DomainError {
  return new DomainError('CHAPTER_NOT_FOUND', `No chapter ${chapterId}`, { chapterId });
}
