import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachable, TEST_REDIS_URL, itWhenReachable } from '../testing/services';
import { startTestServer, type TestServer } from '../testing/test-server';
import { transportsUnderTest } from '../testing/transports';

const redisUp = await reachable(TEST_REDIS_URL);

// The REST surface rides on a different HTTP layer per transport (uwebsockets-express for uWS,
// Node's http for ws): what clients rely on must hold on both.
describe.each(await transportsUnderTest())('the embedded server on the %s transport', (transport) => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer('sqlite', { TRANSPORT: transport }); });
  afterAll(async () => { await server?.close(); });

  it('runs the transport it was asked for', () => {
    expect(server.transport).toBe(transport);
  });

  it('serves /healthz and Prometheus /metrics', async () => {
    const health = await server.call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ status: 'ok', database: 'ok' });
    await server.call('GET', '/v1/stories');
    const metrics = await server.call('GET', '/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/storyverse_http_requests_total\{method="GET",route="\/v1\/stories",status="200"/);
    expect(metrics.text).toMatch(/storyverse_process_resident_memory_bytes/);
  });

  it('publishes the shipped story and serves its bundle with content-hash caching', async () => {
    const detail = await server.call('GET', '/v1/stories/the-lantern-keeper');
    expect(detail.status).toBe(200);
    const chapter = detail.json.chapters[0];
    const plain = await server.call('GET', `/v1/chapters/${chapter.id}/bundle`);
    expect(plain.status).toBe(302);
    expect(plain.headers.get('location')).toBe(chapter.bundleUrl);
    expect(plain.headers.get('cache-control')).toBe('no-cache');

    const hashed = await server.call('GET', chapter.bundleUrl);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('etag')).toBe(`"${chapter.sha256}"`);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(hashed.json).toMatchObject({ id: chapter.id, storyId: 'the-lantern-keeper' });

    const again = await server.call('GET', chapter.bundleUrl, { headers: { 'if-none-match': `"${chapter.sha256}"` } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('serves story assets with their type and no-sniff protection', async () => {
    const detail = (await server.call('GET', '/v1/stories/the-lantern-keeper')).json;
    const cover = await server.call('GET', detail.coverUrl);
    expect(cover.status).toBe(200);
    expect(cover.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(cover.headers.get('x-content-type-options')).toBe('nosniff');
    expect(cover.text).toMatch(/<svg/);
    const escape = await server.call('GET', '/v1/stories/the-lantern-keeper/assets/..%2Fstory.json');
    expect(escape.status).toBe(404);
  });

  it('answers a missing web-client file with a 404 in the error shape, without a year of caching', async () => {
    const missing = await server.call('GET', '/assets/no-such-file-123.js');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
    expect(missing.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const response = await server.call('POST', '/v1/auth/login', { body: '{"email": ' });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'MALFORMED_JSON', request_id: expect.any(String) });
  });
});

describe('the cluster set-up', () => {
  const itWithRedis = itWhenReachable(redisUp, `Redis at ${TEST_REDIS_URL}`);

  itWithRedis('starts with Redis presence and driver and still serves requests', async () => {
    const server = await startTestServer('sqlite', { REDIS_URL: TEST_REDIS_URL, JWT_SECRET: 'a-cluster-secret-of-at-least-32-chars!' });
    try {
      expect((await server.call('GET', '/healthz')).status).toBe(200);
      expect((await server.call('POST', '/v1/auth/guest')).status).toBe(201);
    } finally {
      await server.close();
    }
  });
});

describe('publishing content', () => {
  const fixtures = (name: string) => fileURLToPath(new URL(`../content-pipeline/fixtures/${name}`, import.meta.url));

  it('never lets a broken story into the catalog, and reports each with file and reason', async () => {
    const broken = fixtures('broken');
    const server = await startTestServer('sqlite', { CONTENT_DIR: broken });
    try {
      expect((await server.call('GET', '/v1/stories?limit=50')).json.items).toEqual([]);
      const errors = server.contentProblems.filter((p) => p.severity === 'error');
      const reportedFolders = new Set(errors.map((p) => p.file.split('/')[0]));
      expect([...reportedFolders].sort()).toEqual(readdirSync(broken).filter((f) => !f.startsWith('.')).sort());
      expect(errors.every((p) => p.message.length > 0 && p.code.length > 0)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('publishes only where the catalog module runs: a game process leaves the catalog as it found it', async () => {
    const server = await startTestServer('sqlite', { ROLE: 'game', CONTENT_DIR: fixtures('valid') });
    try {
      expect(server.modules.map((module) => module.name)).toEqual(['game']);
      expect((await server.services.catalog.listStories({ sort: 'new', limit: 50 })).items).toEqual([]);
      expect((await server.call('GET', '/v1/stories')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('publishes the valid stories of a content folder', async () => {
    const server = await startTestServer('sqlite', { CONTENT_DIR: fixtures('valid') });
    try {
      const ids = (await server.call('GET', '/v1/stories?limit=50')).json.items.map((s: { id: string }) => s.id);
      expect(ids).toEqual(['moonlit-ferry']);
    } finally {
      await server.close();
    }
  });
});
