import { existsSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentDir } from '../../content-pipeline';
import { errorHandler, notFoundHandler } from '../http/error-handler';
import { requestId } from '../http/request-id';
import { ManualClock } from '../shared/clock';
import { silentLogger } from '../shared/logger';
import { describeOnEngines } from '../../testing/test-database';
import { catalogRouter } from './catalog-router';
import { CatalogService } from './catalog-service';
import { LANTERN_DIR, loadedStory } from './loaded-story-builder';
import { StudioAsset } from '../database/entities';
import { createStudioStory, createWriter, insertVersion } from '../studio/release-test-kit';
import { releaseDueChapters } from '../studio/chapter-release';

// The shared acceptance fixture, when this machine has it (skipped otherwise).
const ACCEPTANCE_CONTENT = process.env.ACCEPTANCE_CONTENT_DIR ?? '/work/shared/acceptance/fixtures/default/content';

const SHELF = [
  loadedStory({ id: 'lantern', genre: 'mystery', chapters: [1, 2], cover: 'assets/cover.svg', dir: LANTERN_DIR, assets: ['assets/cover.svg', 'art/bg.png', 'assets/theme.mp3'] }),
  loadedStory({ id: 'harbor', genre: 'drama', publishedAt: '2026-02-01' }),
  loadedStory({ id: 'meadow', genre: 'romance', publishedAt: '2026-03-01' }),
];

async function listen(catalog: CatalogService): Promise<{ server: Server; base: string }> {
  const app = express();
  app.use(requestId);
  app.use(express.json());
  app.use(catalogRouter({ catalog }));
  app.use(notFoundHandler);
  app.use(errorHandler(silentLogger));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A raw GET, for paths fetch would normalise ("/../") before sending. */
function rawGet(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = httpRequest({ hostname, port, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

interface ErrorJson {
  error: { code: string; message: string; request_id: string };
}

describeOnEngines('catalog routes', (db) => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const catalog = new CatalogService({ em: db().orm.em, clock: new ManualClock('2026-04-01T00:00:00Z') });
    await catalog.publish(SHELF);
    ({ server, base } = await listen(catalog));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (path: string, init?: RequestInit) => fetch(base + path, init);
  const errorOf = async (res: Response) => ((await res.json()) as ErrorJson).error;

  describe('GET /v1/stories', () => {
    it('lists stories with the defaults (popular, 20)', async () => {
      const res = await get('/v1/stories');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { id: string; chapterCount: number }[]; nextCursor: string | null };
      expect(body.items.map((s) => s.id)).toEqual(['harbor', 'lantern', 'meadow']);
      expect(body.items[1]?.chapterCount).toBe(2);
      expect(body.nextCursor).toBeNull();
    });

    it('filters by genre, sorts by new, accepts empty parameters as absent', async () => {
      const mystery = (await (await get('/v1/stories?genre=Mystery&cursor=&sort=')).json()) as { items: { id: string }[] };
      expect(mystery.items.map((s) => s.id)).toEqual(['lantern']);
      const newest = (await (await get('/v1/stories?sort=new')).json()) as { items: { id: string }[] };
      expect(newest.items.map((s) => s.id)).toEqual(['lantern', 'meadow', 'harbor']);
    });

    it('pages with the cursor it hands out', async () => {
      const seen: string[] = [];
      let url: string | null = '/v1/stories?sort=new&limit=2';
      while (url !== null) {
        const page = (await (await get(url)).json()) as { items: { id: string }[]; nextCursor: string | null };
        seen.push(...page.items.map((s) => s.id));
        url = page.nextCursor === null ? null : `/v1/stories?sort=new&limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
      }
      expect(seen).toEqual(['lantern', 'meadow', 'harbor']);
    });

    it.each([
      ['limit=-5', 'VALIDATION_FAILED'],
      ['limit=0', 'VALIDATION_FAILED'],
      ['limit=51', 'VALIDATION_FAILED'],
      ['limit=abc', 'VALIDATION_FAILED'],
      ['limit=2.5', 'VALIDATION_FAILED'],
      ['limit=1&limit=2', 'VALIDATION_FAILED'],
      ['limit=abc&cursor=%%%', 'VALIDATION_FAILED'],
      ['sort=oldest', 'VALIDATION_FAILED'],
      ['genre=../../etc', 'VALIDATION_FAILED'],
      ['genre[a]=b', 'VALIDATION_FAILED'],
      ['cursor=%%%', 'INVALID_CURSOR'],
      ['cursor=eyJzIjoibmV3IiwiayI6WyIyMDI2LTAxLTAxVDAwOjAwOjAwLjAwMFoiLCJ4Il19', 'INVALID_CURSOR'],
    ])('refuses ?%s with 400 %s', async (query, code) => {
      const res = await get(`/v1/stories?${query}`);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe(code);
      expect(error.request_id).toBeTruthy();
    });
  });

  describe('GET /v1/stories/:storyId', () => {
    it('gives the story with chapters and hashed bundle URLs', async () => {
      const res = await get('/v1/stories/lantern');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { id: string; coverUrl: string; chapters: { id: string; sha256: string; bundleUrl: string }[] };
      expect(body).toMatchObject({ id: 'lantern', coverUrl: '/v1/stories/lantern/assets/assets/cover.svg' });
      expect(body.chapters.map((c) => c.id)).toEqual(['lantern-ch1', 'lantern-ch2']);
      expect(body.chapters[0]?.bundleUrl).toBe(`/v1/chapters/lantern-ch1/bundle?v=${SHELF[0]?.chapters[0]?.sha256}`);
    });

    it('answers 404 STORY_NOT_FOUND for an unknown story', async () => {
      const res = await get('/v1/stories/does-not-exist');
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('STORY_NOT_FOUND');
    });

    // PostgreSQL refuses NUL in text: these answered 500 once the lookup ran.
    it.each(['/v1/stories/a%00b', '/v1/stories/%F0%9F%92%8E%00', '/v1/chapters/%00/bundle'])('answers 400 VALIDATION_FAILED for a NUL in the path: %s', async (path) => {
      const res = await get(path, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /v1/chapters/:chapterId/bundle', () => {
    const chapter = SHELF[0]?.chapters[0];
    const sha = chapter?.sha256 ?? '';
    const hashed = `/v1/chapters/lantern-ch1/bundle?v=${sha}`;

    it('redirects the plain URL, uncached, to the content-hashed one', async () => {
      for (const path of ['/v1/chapters/lantern-ch1/bundle', '/v1/chapters/lantern-ch1/bundle?v=stale', '/v1/chapters/lantern-ch1/bundle?v=a&v=b']) {
        const res = await get(path, { redirect: 'manual' });
        expect(res.status, path).toBe(302);
        expect(res.headers.get('location')).toBe(hashed);
        expect(res.headers.get('cache-control')).toBe('no-cache');
      }
    });

    it('serves the hashed URL with a strong ETag, an immutable long cache, and exactly the hashed bytes', async () => {
      const res = await get(hashed);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${sha}"`);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(text).digest('hex')).toBe(sha);
      expect(JSON.parse(text)).toEqual(chapter?.bundle);
    });

    it('answers 304 with no body to a matching If-None-Match, also after following the redirect', async () => {
      for (const path of [hashed, '/v1/chapters/lantern-ch1/bundle']) {
        const res = await get(path, { headers: { 'if-none-match': `"${sha}"` } });
        expect(res.status, path).toBe(304);
        expect(await res.text()).toBe('');
        expect(res.headers.get('etag')).toBe(`"${sha}"`);
      }
      const other = await get(hashed, { headers: { 'if-none-match': '"something-else"' } });
      expect(other.status).toBe(200);
    });

    it('answers 404 CHAPTER_NOT_FOUND for an unknown chapter, hashed or not', async () => {
      for (const path of ['/v1/chapters/does-not-exist/bundle', `/v1/chapters/does-not-exist/bundle?v=${sha}`]) {
        const res = await get(path, { redirect: 'manual' });
        expect(res.status).toBe(404);
        expect((await errorOf(res)).code).toBe('CHAPTER_NOT_FOUND');
      }
    });
  });

  describe('GET /v1/stories/:storyId/assets/*', () => {
    it.each([
      ['assets/cover.svg', 'image/svg+xml'],
      ['art/bg.png', 'image/png'],
      ['assets/theme.mp3', 'audio/mpeg'],
    ])('serves %s as %s with a one-day cache', async (path, type) => {
      const res = await get(`/v1/stories/lantern/assets/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    });

    it('refuses files the story does not reference and any path traversal with 404', async () => {
      for (const path of ['secret.txt', 'assets/../secret.txt', 'assets%2f..%2fsecret.txt', '..%2f..%2fpackage.json', 'assets/cover.svg%00.png', '%5c..%5csecret.txt', '..%2f..%2flantern%00%2fassets%2fcover.svg']) {
        const res = await get(`/v1/stories/lantern/assets/${path}`);
        expect(res.status, path).toBe(404);
        expect((await errorOf(res)).code, path).toBe('ASSET_NOT_FOUND');
      }
      // Sent as is (fetch would resolve the dots first): never reaches a file outside the story.
      for (const path of ['../../../package.json', '%2e%2e/%2e%2e/%2e%2e/package.json', '..%2f..%2f..%2fpackage.json']) {
        expect(await rawGet(base, `/v1/stories/lantern/assets/${path}`), path).toBe(404);
      }
      expect(await rawGet(base, '/v1/stories/harbor/assets/assets/cover.svg')).toBe(404);
    });

    it("redirects a listed studio story's uploaded file, uncached, to its content-hashed URL; nothing of an unlisted one", async () => {
      const em = db().orm.em;
      const writer = await createWriter(em);
      const sha256 = 'ab'.repeat(32);
      for (const storyId of ['studio-listed', 'studio-draft']) {
        await createStudioStory(em, writer.id, storyId);
        const fork = em.fork();
        fork.create(StudioAsset, { story: storyId, path: 'assets/bg.png', sha256, contentType: 'image/png', size: 67, updatedAt: new Date() });
        await fork.flush();
      }
      await insertVersion(em, { storyId: 'studio-listed', chapterId: 'studio-listed-ch1', version: 1, releaseAt: new Date('2026-01-01') });
      await releaseDueChapters(em, new Date('2026-01-02'));

      const res = await get('/v1/stories/studio-listed/assets/assets/bg.png', { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/v1/assets/${sha256}`);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      for (const path of ['/v1/stories/studio-listed/assets/assets/other.png', '/v1/stories/studio-draft/assets/assets/bg.png', '/v1/stories/studio-listed/assets/assets%2f..%2fassets%2fbg.png']) {
        const missing = await get(path, { redirect: 'manual' });
        expect(missing.status, path).toBe(404);
        expect((await errorOf(missing)).code, path).toBe('ASSET_NOT_FOUND');
      }
    });
  });
});

// The black-box checks of acceptance/02, against the shared fixture content when it is present.
describe.skipIf(!existsSync(ACCEPTANCE_CONTENT))('catalog routes on the acceptance fixture content', () => {
  describeOnEngines('acceptance fixture', (db) => {
    let server: Server;
    let base: string;
    const expected = { stories: ['ember-road', 'first-frost', 'harbor-clock', 'quiet-violin'], mystery: ['harbor-clock'] };

    beforeAll(async () => {
      const content = await loadContentDir(ACCEPTANCE_CONTENT);
      const catalog = new CatalogService({ em: db().orm.em, clock: new ManualClock() });
      await catalog.publish(content.stories);
      ({ server, base } = await listen(catalog));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const json = async (path: string) => (await fetch(base + path)).json() as Promise<{ items: { id: string }[]; nextCursor: string | null }>;

    it('lists the valid stories, filters by genre, pages through all', async () => {
      expect((await json('/v1/stories?limit=50')).items.map((s) => s.id).sort()).toEqual(expected.stories);
      expect((await json('/v1/stories?genre=mystery')).items.map((s) => s.id)).toEqual(expected.mystery);
      const p1 = await json('/v1/stories?limit=2');
      const p2 = await json(`/v1/stories?limit=2&cursor=${encodeURIComponent(p1.nextCursor ?? '')}`);
      expect([...p1.items, ...p2.items].map((s) => s.id).sort()).toEqual(expected.stories);
    });

    it('serves the detail chapter bundle with ETag, long cache and 304, following the redirect as fetch does', async () => {
      const detail = (await (await fetch(`${base}/v1/stories/harbor-clock`)).json()) as { chapters: { id: string }[]; coverUrl: string };
      expect(detail.chapters).toHaveLength(1);
      const url = `${base}/v1/chapters/${encodeURIComponent(detail.chapters[0]?.id ?? '')}/bundle`;
      const b = await fetch(url);
      const etag = b.headers.get('etag');
      expect(b.status).toBe(200);
      expect(etag).toBeTruthy();
      expect(b.headers.get('cache-control')).toMatch(/max-age=\d{6,}|immutable/);
      expect((await fetch(url, { headers: { 'if-none-match': etag ?? '' } })).status).toBe(304);
      expect((await fetch(base + detail.coverUrl)).status).toBe(200);
    });
  });
});
