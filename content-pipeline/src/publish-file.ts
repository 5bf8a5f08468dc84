import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// How the builder puts files on disk. Built output is served while it is being rebuilt, so a
// file must never be seen half-written: bytes go to a temporary sibling first and are renamed
// into place (atomic on one filesystem). A file already holding the same bytes is not touched,
// so its mtime (and any cache validator derived from it) survives a rebuild.

export type PublishStatus = 'written' | 'unchanged' | 'updated';

/**
 * For content-hashed files, which are immutable by name: the same name must always hold the same
 * bytes, or clients caching it forever would keep stale content. Different bytes under an
 * existing name therefore throw instead of overwriting.
 */
export async function publishImmutable(path: string, bytes: Buffer): Promise<Exclude<PublishStatus, 'updated'>> {
  const existing = await readIfExists(path);
  if (existing === undefined) {
    await writeAtomically(path, bytes);
    return 'written';
  }
  if (existing.equals(bytes)) return 'unchanged';
  throw new Error(
    `refusing to overwrite ${path}: it already exists with different bytes under the same content hash ` +
      '(either a hash collision or the file was edited by hand; remove it and build again)',
  );
}

/** For files whose name does not carry their content (assets, manifest.json): replaced when changed. */
export async function publishReplaceable(path: string, bytes: Buffer): Promise<PublishStatus> {
  const existing = await readIfExists(path);
  if (existing?.equals(bytes)) return 'unchanged';
  await writeAtomically(path, bytes);
  return existing === undefined ? 'written' : 'updated';
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Hidden, and unique per writer, so two builds racing never share a temporary file.
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
