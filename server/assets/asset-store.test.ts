/**
 * One contract for every asset store: the local folder, and S3 against s3rver (a real S3-compatible
 * server, started here) with and without a key prefix — each built the way the composition root
 * builds it (createAssetStore), S3 credentials read from the SDK's usual environment variables.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3RVER_CREDENTIALS, startLocalS3, type LocalS3 } from '../../testing/s3-server';
import type { AssetStoreConfig } from '../config/config';
import type { AssetStore } from './asset-store';
import { sha256Hex } from './content-hash';
import { createAssetStore } from './create-asset-store';

const BUCKET = 'storyverse-assets';

async function bytesOf(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const blob = (bytes: Buffer, contentType = 'image/png') => ({ sha256: sha256Hex(bytes), contentType, bytes });

let s3: LocalS3;
let localRoot: string;

beforeAll(async () => {
  s3 = await startLocalS3([BUCKET]);
  localRoot = mkdtempSync(join(tmpdir(), 'storyverse-assets-'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', S3RVER_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', S3RVER_CREDENTIALS.secretAccessKey);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await s3?.close();
  rmSync(localRoot, { recursive: true, force: true });
});

const STORES: [string, () => AssetStoreConfig][] = [
  ['a local folder', () => ({ kind: 'local', dir: localRoot })],
  ['S3 (s3rver)', () => ({ kind: 's3', bucket: BUCKET, prefix: '', region: 'us-east-1', endpoint: s3.endpoint })],
  ['S3 (s3rver) under a key prefix', () => ({ kind: 's3', bucket: BUCKET, prefix: 'studio/assets/', region: 'us-east-1', endpoint: s3.endpoint })],
];

describe.each(STORES)('the asset store contract: %s', (_name, configOf) => {
  let store: AssetStore;
  beforeAll(() => {
    store = createAssetStore(configOf());
  });

  it('knows nothing of a blob never stored', async () => {
    const unknown = sha256Hex(randomBytes(16));
    expect(await store.has(unknown)).toBe(false);
    expect(await store.get(unknown)).toBeNull();
  });

  it('gives back a stored blob whole, with its media type and size', async () => {
    const bytes = randomBytes(70_000);
    const stored = blob(bytes, 'audio/ogg');
    await store.put(stored);
    expect(await store.has(stored.sha256)).toBe(true);
    const got = await store.get(stored.sha256);
    expect(got).toMatchObject({ contentType: 'audio/ogg', size: bytes.length });
    expect((await bytesOf(got!.body)).equals(bytes)).toBe(true);
  });

  it('gives a blob\'s media type and size without its bytes, and a range of its bytes with the whole size', async () => {
    const bytes = randomBytes(5000);
    const stored = blob(bytes, 'audio/mpeg');
    expect(await store.stat(stored.sha256)).toBeNull();
    await store.put(stored);
    expect(await store.stat(stored.sha256)).toEqual({ contentType: 'audio/mpeg', size: 5000 });
    for (const range of [{ start: 0, end: 1 }, { start: 4990, end: 4999 }, { start: 100, end: 100 }]) {
      const part = await store.get(stored.sha256, range);
      expect(part?.size).toBe(5000);
      expect((await bytesOf(part!.body)).equals(bytes.subarray(range.start, range.end + 1)), JSON.stringify(range)).toBe(true);
    }
    expect(await store.stat('../../etc/passwd')).toBeNull();
  });

  it('takes the same blob twice, and twice at once, keeping it as it was', async () => {
    const bytes = randomBytes(1000);
    const stored = blob(bytes, 'image/webp');
    await store.put(stored);
    await store.put(stored);
    await Promise.all([store.put(stored), store.put(stored)]);
    const got = await store.get(stored.sha256);
    expect(got?.contentType).toBe('image/webp');
    expect((await bytesOf(got!.body)).equals(bytes)).toBe(true);
  });

  it('keeps each blob under its own hash', async () => {
    const [a, b] = [blob(Buffer.from('first blob')), blob(Buffer.from('second blob'), 'image/jpeg')];
    await Promise.all([store.put(a), store.put(b)]);
    expect((await bytesOf((await store.get(a.sha256))!.body)).toString()).toBe('first blob');
    expect((await bytesOf((await store.get(b.sha256))!.body)).toString()).toBe('second blob');
    const again = await store.get(b.sha256);
    expect(again?.contentType).toBe('image/jpeg');
    if (again && !Buffer.isBuffer(again.body)) again.body.destroy();
  });

  it('refuses bytes filed under a hash that is not theirs, storing nothing', async () => {
    const other = sha256Hex(randomBytes(8));
    await expect(store.put({ sha256: other, contentType: 'image/png', bytes: Buffer.from('not those bytes') })).rejects.toThrow(/hash to/);
    expect(await store.has(other)).toBe(false);
    await expect(store.put({ sha256: '../../escape', contentType: 'image/png', bytes: Buffer.from('x') })).rejects.toThrow(/not a SHA-256/);
  });

  it('answers "none" for a name that is not a SHA-256, whatever it holds', async () => {
    const stored = blob(Buffer.from('upper case is another name'));
    await store.put(stored);
    for (const name of [stored.sha256.toUpperCase(), `../${stored.sha256}`, `${stored.sha256.slice(0, 2)}/${stored.sha256}`, '', '../../etc/passwd']) {
      expect(await store.has(name), name).toBe(false);
      expect(await store.get(name), name).toBeNull();
    }
  });
});

describe('the local folder store', () => {
  it('files blobs under a folder named by their first two hex digits, the media type beside, nothing temporary left', async () => {
    const root = mkdtempSync(join(tmpdir(), 'storyverse-assets-'));
    try {
      const store = createAssetStore({ kind: 'local', dir: join(root, 'nested', 'assets') });
      const stored = blob(Buffer.from('fan-out'));
      await store.put(stored);
      const folder = join(root, 'nested', 'assets', stored.sha256.slice(0, 2));
      expect(readdirSync(folder).sort()).toEqual([stored.sha256, `${stored.sha256}.json`]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('never shows a blob half-written: whenever its name exists, it holds every byte', async () => {
    const root = mkdtempSync(join(tmpdir(), 'storyverse-assets-'));
    try {
      const store = createAssetStore({ kind: 'local', dir: root });
      const bytes = randomBytes(24 * 1024 * 1024);
      const stored = blob(bytes);
      const file = join(root, stored.sha256.slice(0, 2), stored.sha256);
      let done = false;
      const sizesSeen = new Set<number>();
      const watching = (async () => {
        while (!done) {
          const size = await stat(file).then((s) => s.size, () => -1);
          sizesSeen.add(size);
        }
      })();
      await store.put(stored);
      done = true;
      await watching;
      sizesSeen.delete(-1);
      expect([...sizesSeen].every((size) => size === bytes.length)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the S3 store', () => {
  it('stores an object under the prefix, with its media type and immutable caching for whatever serves the bucket', async () => {
    const store = createAssetStore({ kind: 's3', bucket: BUCKET, prefix: 'p/', region: 'us-east-1', endpoint: s3.endpoint });
    const stored = blob(Buffer.from('an object'), 'audio/mpeg');
    await store.put(stored);
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `p/${stored.sha256}` }));
    expect(head).toMatchObject({ ContentType: 'audio/mpeg', ContentLength: 9, CacheControl: 'public, max-age=31536000, immutable' });
  });

  it('reports a missing bucket as a fault, not as an unknown asset', async () => {
    const store = createAssetStore({ kind: 's3', bucket: 'no-such-bucket', prefix: '', region: 'us-east-1', endpoint: s3.endpoint });
    await expect(store.get(sha256Hex(Buffer.from('x')))).rejects.toThrow();
    await expect(store.put(blob(Buffer.from('x')))).rejects.toThrow();
  });
});
