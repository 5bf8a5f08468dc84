import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isFileSync } from '../read-story-folder';
import { checkAssets } from '../rules/assets';
import { makeProblem, type ContentProblem } from '../content-problem';
import { parseJsonDocument, UnparsableJson } from '../json-document';
import { scanContentDir } from '../scan-content-dir';
import { schemaProblems } from '../schema-problems';
import { worldManifestSchema, type WorldManifest } from './world-schema';

const WORLD_FILE = 'world.json';

export type LoadedWorld = {
  manifest: WorldManifest;
  /** Absolute. */
  dir: string;
};

/**
 * Validates a parsed world.json: its schema, ids unique within each list, the start location
 * and characters' locations known, lore keywords unique (one keyword, one entry), location
 * backgrounds safe paths to files of the folder (`assetExists`). `file` is the path shown in
 * problems (relative to the content dir).
 */
export function lintWorld(file: string, doc: unknown, assetExists: (relPath: string) => boolean = () => true): { manifest?: WorldManifest; problems: ContentProblem[] } {
  if (doc instanceof UnparsableJson) return { problems: [makeProblem({ code: 'INVALID_JSON', file, reason: `is not valid JSON: ${doc.reason}` })] };
  const parsed = worldManifestSchema.safeParse(doc);
  if (!parsed.success) return { problems: schemaProblems(file, doc, parsed.error.issues) };
  const world = parsed.data;
  const problems: ContentProblem[] = [];
  const duplicates = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(makeProblem({ code: 'DUPLICATE_WORLD_ID', file, reason: `${kind} id "${id}" is used more than once` }));
      seen.add(id);
    }
  };
  duplicates('location', world.locations.map((l) => l.id));
  duplicates('character', world.characters.map((c) => c.id));
  duplicates('quest', world.quests.map((q) => q.id));
  duplicates('item', (world.items ?? []).map((i) => i.id));
  const locations = new Set(world.locations.map((l) => l.id));
  if (world.start !== undefined && !locations.has(world.start)) {
    problems.push(makeProblem({ code: 'UNKNOWN_LOCATION', file, reason: `start is "${world.start}", which is not one of the locations` }));
  }
  world.characters.forEach((c, i) => {
    if (c.location !== undefined && !locations.has(c.location)) {
      problems.push(makeProblem({ code: 'UNKNOWN_LOCATION', file, reason: `characters[${i}].location is "${c.location}", which is not one of the locations` }));
    }
  });
  const backgrounds = world.locations.flatMap((l) => (l.background === undefined ? [] : [{ path: l.background, file, field: `location "${l.id}" background` }]));
  problems.push(...checkAssets(backgrounds, assetExists, 'world'));
  const keys = new Map<string, number>();
  world.lore.forEach((entry, i) => {
    for (const key of entry.keys) {
      const word = key.toLowerCase();
      const first = keys.get(word);
      if (first !== undefined && first !== i) {
        problems.push(makeProblem({ code: 'DUPLICATE_LORE_KEY', file, reason: `lore[${i}] repeats the keyword "${key}" of lore[${first}]` }));
      } else if (first === i) {
        problems.push(makeProblem({ severity: 'warning', code: 'DUPLICATE_LORE_KEY', file, reason: `lore[${i}] lists the keyword "${key}" twice` }));
      }
      keys.set(word, first ?? i);
    }
  });
  return problems.some((p) => p.severity === 'error') ? { problems } : { manifest: world, problems };
}

/** Reads and validates `<root>/<name>/world.json`. */
export async function readWorldFolder(root: string, name: string): Promise<{ world?: LoadedWorld; problems: ContentProblem[] }> {
  const file = `${name}/${WORLD_FILE}`;
  const text = await readFile(join(root, name, WORLD_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return { problems: [makeProblem({ code: 'UNREADABLE_FILE', file, reason: 'cannot be read' })] };
  const { manifest, problems } = lintWorld(file, parseJsonDocument(text), (relPath) => isFileSync(join(root, name, relPath)));
  if (!manifest) return { problems };
  return { world: { manifest, dir: join(root, name) }, problems };
}

/** Only the worlds of a content dir (the game servers need no stories): valid ones and every problem. */
export async function loadWorldsDir(root: string): Promise<{ worlds: LoadedWorld[]; problems: ContentProblem[] }> {
  const folders = await scanContentDir(root);
  const worlds: LoadedWorld[] = [];
  const problems: ContentProblem[] = [];
  for (const name of folders.worlds) {
    const read = await readWorldFolder(root, name);
    problems.push(...read.problems);
    if (read.world && !worlds.some((w) => w.manifest.id === read.world!.manifest.id)) worlds.push(read.world);
  }
  return { worlds, problems };
}
