import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AssetBlob, AssetInfo, AssetStore, ByteRange, StoredAsset } from './asset-store';
import { assertNamedByItsHash, isSha256Hex } from './content-hash';

interface BlobMeta {
  contentType: string;
}

/**
 * Blobs in a folder: `<root>/<first two hex digits>/<sha256>` (the fan-out keeps folders small),
 * the media type beside it in `<sha256>.json`. Each file is written under a temporary name and
 * renamed into place, the blob last: a blob that is visible is whole and has its media type.
 */
export class LocalAssetStore implements AssetStore {
  constructor(private readonly root: string) {}

  async put(blob: AssetBlob): Promise<void> {
    assertNamedByItsHash(blob.sha256, blob.bytes);
    if (await this.has(blob.sha256)) return;
    const { folder, file, meta } = this.pathsOf(blob.sha256);
    await mkdir(folder, { recursive: true });
    const described: BlobMeta = { contentType: blob.contentType };
    await writeWhole(meta, Buffer.from(JSON.stringify(described)));
    await writeWhole(file, blob.bytes);
  }

  async get(sha256: string, range?: ByteRange): Promise<StoredAsset | null> {
    if (!isSha256Hex(sha256)) return null;
    const { file, meta } = this.pathsOf(sha256);
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const { contentType } = JSON.parse(await readFile(meta, 'utf8')) as BlobMeta;
      const { size } = await handle.stat();
      // The stream owns the handle from here and closes it when read to the end or destroyed.
      return { contentType, size, body: handle.createReadStream(range ? { start: range.start, end: Math.min(range.end, size - 1) } : {}) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async stat(sha256: string): Promise<AssetInfo | null> {
    if (!(await this.has(sha256))) return null;
    const { file, meta } = this.pathsOf(sha256);
    const { contentType } = JSON.parse(await readFile(meta, 'utf8')) as BlobMeta;
    return { contentType, size: (await stat(file)).size };
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256Hex(sha256)) return false;
    try {
      return (await stat(this.pathsOf(sha256).file)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  private pathsOf(sha256: string): { folder: string; file: string; meta: string } {
    const folder = join(this.root, sha256.slice(0, 2));
    return { folder, file: join(folder, sha256), meta: join(folder, `${sha256}.json`) };
  }
}

/** Writes, flushes to disk, then renames into place: the final name never holds part of the bytes. */
async function writeWhole(path: string, bytes: Buffer): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}
