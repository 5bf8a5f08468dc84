import { statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonDocument, UnparsableJson } from './json-document';
import type { LintStoryInput } from './lint';
import { STORY_MANIFEST } from './scan-content-dir';

// The only place that reads a story from disk: it turns a folder into the pure linter's
// input. Problem paths are relative to the content dir, with forward slashes on every OS.

const CHAPTERS_DIR = 'chapters';

export async function readStoryFolder(contentRoot: string, folderName: string): Promise<LintStoryInput> {
  const storyDir = join(contentRoot, folderName);
  const chapterNames = await listChapterFiles(join(storyDir, CHAPTERS_DIR));
  return {
    manifestFile: `${folderName}/${STORY_MANIFEST}`,
    manifest: await readJson(join(storyDir, STORY_MANIFEST)),
    chapters: await Promise.all(
      chapterNames.map(async (name) => ({ file: `${folderName}/${CHAPTERS_DIR}/${name}`, doc: await readJson(join(storyDir, CHAPTERS_DIR, name)) })),
    ),
    assetExists: (relPath) => isFileSync(join(storyDir, relPath)),
  };
}

// Sync because lintStory's predicate is; ENOTDIR or EACCES count as "missing" too.
function isFileSync(path: string): boolean {
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
