import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A JSON document of the content, as parsed: edits change it in place. */
export type JsonDocument = any;

/**
 * A throwaway copy of the shipped content (`content/`) with some of its JSON files edited — for
 * tests that need a story to ask for something the originals do not. `edits` maps a path inside
 * the content folder to a function that changes the parsed document; `remove()` deletes the copy.
 */
export function editedContentCopy(prefix: string, edits: Record<string, (doc: JsonDocument) => void>): { dir: string; remove(): void } {
  const dir = join(mkdtempSync(join(tmpdir(), `${prefix}-`)), 'content');
  cpSync(join(process.cwd(), 'content'), dir, { recursive: true });
  for (const [path, edit] of Object.entries(edits)) {
    const file = join(dir, path);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    edit(doc);
    writeFileSync(file, JSON.stringify(doc, null, 2));
  }
  return { dir, remove: () => rmSync(join(dir, '..'), { recursive: true, force: true }) };
}
