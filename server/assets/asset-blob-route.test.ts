/**
 * GET /v1/assets/:sha256 on the real composition (startTestServer), on each transport, with the
 * asset store in a folder the test shares with the server — and once with the store in S3 (s3rver).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyPng } from '../../testing/media-samples';
import { S3RVER_CREDENTIALS, startLocalS3, type LocalS3 } from '../../testing/s3-server';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { transportsUnderTest } from '../../testing/transports';
import { sha256Hex } from './content-hash';
import { createAssetStore } from './create-asset-store';
import type { AssetStore } from './asset-store';
import { assetBlobUrl } from './asset-url';

const IMMUTABLE = 'public, max-age=31536000, immutable';

async function storeBlob(store: AssetStore, bytes: Buffer, contentType: string): Promise<string> {
  const sha256 = sha256Hex(bytes);
  await store.put({ sha256, contentType, bytes });
  return sha256;
}

async function download(server: TestServer, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe.each(await transportsUnderTest())('GET /v1/assets/:sha256 on the %s transport', (transport) => {
  let folder: string;
  let server: TestServer;
  let store: AssetStore;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'storyverse-assets-'));
    server = await startTestServer('sqlite', { TRANSPORT: transport, ASSET_STORE_URL: folder });
    store = createAssetStore({ kind: 'local', dir: folder });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves a stored asset with its type, a year of immutable caching, its hash as ETag, nosniff and the sandbox policy of story assets', async () => {
    const png = tinyPng();
    const sha256 = await storeBlob(store, png, 'image/png');
    const answer = await download(server, assetBlobUrl(sha256));
    expect(answer.status).toBe(200);
    expect(answer.bytes.equals(png)).toBe(true);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(answer.headers.get('etag')).toBe(`"${sha256}"`);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    // The same policy as a story's own assets (server/catalog/asset-route.ts), whatever that becomes.
    const story = (await server.call('GET', '/v1/stories')).json.items.find((item: { coverUrl: string | null }) => item.coverUrl);
    const storyAsset = await download(server, story.coverUrl);
    expect(storyAsset.status).toBe(200);
    expect(answer.headers.get('content-security-policy')).toBe(storyAsset.headers.get('content-security-policy'));
    expect(answer.headers.get('content-security-policy')).toMatch(/\bsandbox\b/);
  });

  it('streams a large asset whole', async () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(3 * 1024 * 1024, 7)]);
    const sha256 = await storeBlob(store, big, 'image/png');
    const answer = await download(server, assetBlobUrl(sha256));
    expect(answer.status).toBe(200);
    expect(answer.bytes.length).toBe(big.length);
    expect(sha256Hex(answer.bytes)).toBe(sha256);
  });

  it('serves one byte range as 206 (media players seek; Safari plays only so), and the whole asset when If-Range names another version', async () => {
    const bytes = Buffer.concat([tinyPng(), Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251))]);
    const sha256 = await storeBlob(store, bytes, 'image/png');
    const url = assetBlobUrl(sha256);
    const full = await download(server, url);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    for (const [header, start, end] of [['bytes=0-1', 0, 1], ['bytes=100-', 100, bytes.length - 1], ['bytes=-10', bytes.length - 10, bytes.length - 1]] as const) {
      const part = await download(server, url, { range: header });
      expect(part.status, header).toBe(206);
      expect(part.headers.get('content-range'), header).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(part.bytes.equals(bytes.subarray(start, end + 1)), header).toBe(true);
      expect(part.headers.get('cache-control')).toBe(IMMUTABLE);
    }
    expect((await download(server, url, { range: 'bytes=0-1', 'if-range': `"${sha256}"` })).status).toBe(206);
    const otherVersion = await download(server, url, { range: 'bytes=0-1', 'if-range': '"another"' });
    expect(otherVersion.status).toBe(200);
    expect(otherVersion.bytes.equals(bytes)).toBe(true);
    // Several ranges at once: the whole asset, as RFC 9110 allows.
    expect((await download(server, url, { range: 'bytes=0-1,5-6' })).bytes.length).toBe(bytes.length);
  });

  it('answers 416 in the error shape, naming the size, for a range past the end', async () => {
    const bytes = Buffer.concat([tinyPng(), Buffer.from('416')]);
    const sha256 = await storeBlob(store, bytes, 'image/png');
    const answer = await server.call('GET', assetBlobUrl(sha256), { headers: { range: `bytes=${bytes.length}-` } });
    expect(answer.status).toBe(416);
    expect(answer.json.error).toMatchObject({ code: 'RANGE_NOT_SATISFIABLE', details: { size: bytes.length } });
    expect(answer.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect(answer.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
    expect((await server.call('GET', assetBlobUrl(sha256Hex(Buffer.from('absent'))), { headers: { range: 'bytes=0-1' } })).status).toBe(404);
  });

  it('answers 304 without a body when the client already has it', async () => {
    const sha256 = await storeBlob(store, Buffer.concat([tinyPng(), Buffer.from('304')]), 'image/png');
    for (const ifNoneMatch of [`"${sha256}"`, `W/"${sha256}"`, `"other", "${sha256}"`, '*']) {
      const answer = await download(server, assetBlobUrl(sha256), { 'if-none-match': ifNoneMatch });
      expect(answer.status, ifNoneMatch).toBe(304);
      expect(answer.bytes.length).toBe(0);
      expect(answer.headers.get('etag')).toBe(`"${sha256}"`);
      expect(answer.headers.get('cache-control')).toBe(IMMUTABLE);
    }
    expect((await download(server, assetBlobUrl(sha256), { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('answers 404 ASSET_NOT_FOUND in the error shape for an unknown hash, uncached — with If-None-Match too', async () => {
    const unknown = sha256Hex(Buffer.from('never uploaded'));
    for (const headers of [{}, { 'if-none-match': `"${unknown}"` }] as Record<string, string>[]) {
      const answer = await server.call('GET', assetBlobUrl(unknown), { headers });
      expect(answer.status).toBe(404);
      expect(answer.json.error).toMatchObject({ code: 'ASSET_NOT_FOUND', request_id: expect.any(String) });
      expect(answer.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
      expect(answer.headers.get('etag')).not.toBe(`"${unknown}"`);
    }
  });

  it('answers 400 in the error shape for anything but 64 lowercase hex digits', async () => {
    const sha256 = sha256Hex(Buffer.from('x'));
    for (const id of [sha256.toUpperCase(), sha256.slice(1), `${sha256}0`, `${sha256}.png`, `..%2F..%2F${sha256.slice(10)}`, '%00', 'g'.repeat(64)]) {
      const answer = await server.call('GET', `/v1/assets/${id}`);
      expect(answer.status, id).toBe(400);
      expect(answer.json.error.code, id).toBe('VALIDATION_FAILED');
    }
  });
});

describe('GET /v1/assets/:sha256 with the assets in S3', () => {
  const BUCKET = 'storyverse-route-assets';
  let s3: LocalS3;
  let server: TestServer;

  beforeAll(async () => {
    s3 = await startLocalS3([BUCKET]);
    vi.stubEnv('AWS_ACCESS_KEY_ID', S3RVER_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', S3RVER_CREDENTIALS.secretAccessKey);
    server = await startTestServer('sqlite', { ASSET_STORE_URL: `s3://${BUCKET}/assets`, S3_ENDPOINT: s3.endpoint });
  });
  afterAll(async () => {
    await server?.close();
    await s3?.close();
    vi.unstubAllEnvs();
  });

  it('streams the object from the bucket, a range of it too, and 404s an unknown one', async () => {
    const store = createAssetStore({ kind: 's3', bucket: BUCKET, prefix: 'assets/', region: 'us-east-1', endpoint: s3.endpoint });
    const png = tinyPng();
    const sha256 = await storeBlob(store, png, 'image/png');
    const answer = await download(server, assetBlobUrl(sha256));
    expect(answer.status).toBe(200);
    expect(answer.bytes.equals(png)).toBe(true);
    expect(answer.headers.get('content-type')).toBe('image/png');
    const part = await download(server, assetBlobUrl(sha256), { range: 'bytes=1-3' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1-3/${png.length}`);
    expect(part.bytes.equals(png.subarray(1, 4))).toBe(true);
    expect((await server.call('GET', assetBlobUrl(sha256Hex(Buffer.from('absent'))))).json.error.code).toBe('ASSET_NOT_FOUND');
  });
});
