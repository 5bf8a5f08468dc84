import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

// Test helper: every file under a folder, keyed by relative path with forward slashes, sorted.
export async function readTree(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const visit = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path, `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.set(`${prefix}${entry.name}`, await readFile(path));
    }
  };
  await visit(root, '');
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
