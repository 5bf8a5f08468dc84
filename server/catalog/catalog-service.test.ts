import { beforeAll, describe, expect, it } from 'vitest';
import { Story } from '../database/entities';
import { ManualClock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { describeOnEngines } from '../../testing/test-database';
import { CatalogService, type ListStoriesQuery } from './catalog-service';
import { LANTERN_DIR, loadedStory } from './loaded-story-builder';
import { encodeCursor } from './page-cursor';
import type { StorySort } from './story-sort';

const SHELF = [
  loadedStory({ id: 'a1', genre: 'mystery', publishedAt: '2026-01-01T00:00:00Z', chapters: [1, 2, 3], cover: 'assets/cover.svg', dir: LANTERN_DIR, assets: ['assets/cover.svg', 'art/bg.png'] }),
  loadedStory({ id: 'b2', genre: 'drama', publishedAt: '2026-02-01T00:00:00Z' }),
  loadedStory({ id: 'c3', genre: 'mystery', publishedAt: '2026-02-01T00:00:00Z', chapters: [1, 2] }),
  loadedStory({ id: 'd4', genre: 'romance', publishedAt: '2025-12-01T00:00:00Z' }),
  loadedStory({ id: 'e5', genre: 'drama', publishedAt: '2026-03-01T00:00:00Z' }),
];
const PLAYS: Record<string, number> = { a1: 5, b2: 2, c3: 2 };
const POPULAR = ['a1', 'b2', 'c3', 'd4', 'e5'];
const NEWEST = ['e5', 'b2', 'c3', 'a1', 'd4'];

describeOnEngines('CatalogService', (db) => {
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = new CatalogService({ em: db().orm.em, clock: new ManualClock() });
    // "zed" is published, then withdrawn: it must never show.
    await catalog.publish([...SHELF, loadedStory({ id: 'zed', genre: 'mystery' })]);
    await catalog.publish(SHELF);
    for (const [id, plays] of Object.entries(PLAYS)) await db().orm.em.fork().nativeUpdate(Story, { id }, { plays });
  });

  const list = (query: Partial<ListStoriesQuery> = {}) => catalog.listStories({ sort: 'popular', limit: 20, ...query });

  async function walk(sort: StorySort, limit: number, genre?: string): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ sort, limit, cursor, genre });
      pages.push(page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && pages.length < 20);
    return pages;
  }

  describe('listing', () => {
    it('sorts by plays (popular) and by publishedAt (new), ids breaking ties', async () => {
      expect((await list({ sort: 'popular' })).items.map((s) => s.id)).toEqual(POPULAR);
      expect((await list({ sort: 'new' })).items.map((s) => s.id)).toEqual(NEWEST);
    });

    it('describes each story with its listed chapter count and cover URL', async () => {
      const { items, nextCursor } = await list();
      expect(nextCursor).toBeNull();
      expect(items[0]).toEqual({
        id: 'a1',
        title: 'Title of a1',
        description: 'About a1',
        genre: 'mystery',
        coverUrl: '/v1/stories/a1/assets/assets/cover.svg',
        chapterCount: 3,
        plays: 5,
        publishedAt: '2026-01-01T00:00:00.000Z',
      });
      expect(items[1]).toMatchObject({ id: 'b2', coverUrl: null, chapterCount: 1 });
    });

    it('filters by genre', async () => {
      expect((await list({ genre: 'mystery' })).items.map((s) => s.id)).toEqual(['a1', 'c3']);
      expect((await list({ genre: 'horror' })).items).toEqual([]);
    });

    for (const sort of ['popular', 'new'] as const) {
      for (const limit of [1, 2]) {
        it(`pages through every story exactly once (sort=${sort}, limit=${limit})`, async () => {
          const pages = await walk(sort, limit);
          expect(pages.flat()).toEqual(sort === 'popular' ? POPULAR : NEWEST);
          expect(pages.every((p) => p.length === limit || p === pages.at(-1))).toBe(true);
        });
      }
    }

    it('pages within a genre', async () => {
      expect(await walk('new', 1, 'drama')).toEqual([['e5'], ['b2']]);
    });

    it('refuses a garbled cursor or one from the other sort with INVALID_CURSOR', async () => {
      const fromNew = (await list({ sort: 'new', limit: 1 })).nextCursor ?? '';
      for (const cursor of ['%%%', 'not-a-cursor', encodeCursor({ sort: 'popular', plays: 1, id: 'x' }).slice(0, -3), fromNew]) {
        await expect(list({ sort: 'popular', cursor })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      }
      await expect(list({ sort: 'popular', cursor: fromNew })).rejects.toBeInstanceOf(DomainError);
    });
  });

  describe('detail and bundles', () => {
    it('gives a story with its listed chapters in order', async () => {
      const story = await catalog.getStory('a1');
      expect(story.chapters.map((c) => c.number)).toEqual([1, 2, 3]);
      const sha = SHELF[0]?.chapters[0]?.sha256;
      expect(story.chapters[0]).toEqual({ id: 'a1-ch1', number: 1, title: 'Chapter 1', sha256: sha, bundleUrl: `/v1/chapters/a1-ch1/bundle?v=${sha}` });
    });

    it('answers STORY_NOT_FOUND for an unknown or unlisted story', async () => {
      await expect(catalog.getStory('nope')).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
      await expect(catalog.getStory('zed')).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
    });

    it('serves a bundle with its sha256, and CHAPTER_NOT_FOUND for unknown or unlisted chapters', async () => {
      const chapter = SHELF[2]?.chapters[1];
      const { bundle, sha256 } = await catalog.getBundle('c3-ch2');
      expect(sha256).toBe(chapter?.sha256);
      expect(bundle).toEqual(chapter?.bundle);
      expect(await catalog.bundleVersion('c3-ch2')).toBe(chapter?.sha256);
      await expect(catalog.getBundle('nope')).rejects.toMatchObject({ code: 'CHAPTER_NOT_FOUND' });
      await expect(catalog.bundleVersion('zed-ch1')).rejects.toMatchObject({ code: 'CHAPTER_NOT_FOUND' });
    });
  });

  describe('assets', () => {
    it('resolves only referenced assets inside the story folder', () => {
      expect(catalog.assetPath('a1', 'assets/cover.svg')).toBe(`${LANTERN_DIR}/assets/cover.svg`);
      expect(catalog.assetPath('a1', 'art/./bg.png')).toBe(`${LANTERN_DIR}/art/bg.png`);
      for (const [story, path] of [['a1', 'secret.txt'], ['a1', '../lantern/secret.txt'], ['a1', 'assets/../secret.txt'], ['a1', '/etc/passwd'], ['b2', 'assets/cover.svg'], ['zed', 'x.png']] as const) {
        expect(() => catalog.assetPath(story, path), `${story} ${path}`).toThrow(expect.objectContaining({ code: 'ASSET_NOT_FOUND' }));
      }
    });
  });
});
