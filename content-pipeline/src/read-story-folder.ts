import { readdir, readFile } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { checkAssetPath } from './asset-path';
import { collectIncludes } from './ink/compile-ink';
import { parseJsonDocument, UnparsableJson } from './json-document';
import type { LintStoryInput } from './lint';
import { STORY_MANIFEST } from './scan-content-dir';

// The only place that reads a story from disk: it turns a folder into the pure linter's
// input. Problem paths are relative to the content dir, with forward slashes on every OS.

const CHAPTERS_DIR = 'chapters';

export async function readStoryFolder(contentRoot: string, folderName: string): Promise<LintStoryInput> {
  const storyDir = join(contentRoot, folderName);
  const chapterNames = await listChapterFiles(join(storyDir, CHAPTERS_DIR));
  const manifest = await readJson(join(storyDir, STORY_MANIFEST));
  const ink = readInkSource(storyDir, folderName, manifest);
  return {
    manifestFile: `${folderName}/${STORY_MANIFEST}`,
    manifest,
    ...(ink === undefined ? {} : { ink }),
    chapters: await Promise.all(
      chapterNames.map(async (name) => ({ file: `${folderName}/${CHAPTERS_DIR}/${name}`, doc: await readJson(join(storyDir, CHAPTERS_DIR, name)) })),
    ),
    assetExists: (relPath) => isFileSync(join(storyDir, relPath)),
  };
}

// Sync because lintStory's predicate is; ENOTDIR or EACCES count as "missing" too.
export function isFileSync(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** `*.json`, hidden files skipped, in natural order (2 before 10) so "second" is predictable. */
async function listChapterFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

async function readJson(path: string): Promise<unknown> {
  try {
    return parseJsonDocument(await readFile(path, 'utf8'));
  } catch (error) {
    return new UnparsableJson(`could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * An ink story's source (story.json `"source": "story.ink"`) and the files it INCLUDEs, by their
 * path in the story folder. Undefined for a scene story; a source that cannot be read is passed on
 * as missing text for the linter to report.
 */
function readInkSource(storyDir: string, folderName: string, manifest: unknown): LintStoryInput['ink'] {
  const source = manifest !== null && typeof manifest === 'object' ? (manifest as Record<string, unknown>)['source'] : undefined;
  if (typeof source !== 'string') return undefined;
  const verdict = checkAssetPath(source);
  if (!verdict.ok) return { file: `${folderName}/${source}`, main: source, files: {}, missing: [] };
  const read = (name: string): string | undefined => {
    const path = checkAssetPath(posix.join(posix.dirname(verdict.path), name));
    if (!path.ok) return undefined;
    try {
      return readFileSync(join(storyDir, path.path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const text = read(posix.basename(verdict.path));
  if (text === undefined) return { file: `${folderName}/${verdict.path}`, main: verdict.path, files: {}, missing: [] };
  const { files, missing } = collectIncludes(verdict.path, text, read);
  return { file: `${folderName}/${verdict.path}`, main: verdict.path, files, missing };
}
