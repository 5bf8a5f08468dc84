import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

// A content dir holds stories and campaign worlds side by side; the manifest file tells
// them apart (DESIGN.md §4). Hidden entries (.git, .DS_Store…) are never content.

export const STORY_MANIFEST = 'story.json';
export const WORLD_MANIFEST = 'world.json';

export type ContentFolders = { stories: string[]; worlds: string[]; /** neither kind */ unknown: string[]; /** both manifests */ both: string[] };

/** Folder names (not paths), sorted so that "first" and "second" mean the same on every machine. */
export async function scanContentDir(root: string): Promise<ContentFolders> {
  const found: ContentFolders = { stories: [], worlds: [], unknown: [], both: [] };
  const names = (await readdir(root)).filter((n) => !n.startsWith('.')).sort();
  for (const name of names) {
    if (!(await isDirectory(join(root, name)))) continue; // loose files (README…) are not content
    const story = await isFile(join(root, name, STORY_MANIFEST));
    const world = await isFile(join(root, name, WORLD_MANIFEST));
    if (story && world) found.both.push(name);
    if (story) found.stories.push(name);
    else if (world) found.worlds.push(name);
    else found.unknown.push(name);
  }
  return found;
}

// stat (not the dirent) so that symlinked story folders work too.
async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

export async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}
