import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContentDir } from '../load-content';
import { UnparsableJson } from '../json-document';
import { lintWorld } from './load-world';

const world = (patch: Record<string, unknown> = {}) => ({
  id: 'w',
  title: 'W',
  setting: 'Somewhere.',
  locations: [{ id: 'a', name: 'A', description: 'First.' }, { id: 'b', name: 'B', description: 'Second.' }],
  characters: [{ id: 'c', name: 'C', personality: 'Calm.', location: 'a' }],
  quests: [{ id: 'q', title: 'Q', description: 'Do it.' }],
  lore: [{ keys: ['bell'], text: 'Bells.' }],
  ...patch,
});
const codes = (doc: unknown) => lintWorld('w/world.json', doc).problems.map((p) => `${p.severity}:${p.code}`);

describe('lintWorld', () => {
  it('accepts a well-formed world', () => {
    const result = lintWorld('w/world.json', world());
    expect(result.problems).toEqual([]);
    expect(result.manifest?.locations.map((l) => l.id)).toEqual(['a', 'b']);
  });

  it('reports schema violations with the path', () => {
    const { problems, manifest } = lintWorld('w/world.json', world({ locations: [{ id: 'a', name: 'A' }], extra: 1 }));
    expect(manifest).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining(['w/world.json: locations[0].description is required', 'w/world.json: document has a key it does not allow: "extra"']),
    );
  });

  it('checks location backgrounds: a safe path to a file of the world folder', () => {
    const withArt = (background: string) => world({ locations: [{ id: 'a', name: 'A', description: 'First.', background }] });
    const exists = (path: string) => path === 'assets/a.svg';
    expect(lintWorld('w/world.json', withArt('assets/a.svg'), exists).problems).toEqual([]);
    const missing = lintWorld('w/world.json', withArt('assets/b.svg'), exists).problems;
    expect(missing.map((p) => [p.code, p.message])).toEqual([["MISSING_ASSET", "w/world.json: location \"a\" background points to \"assets/b.svg\", which does not exist in the world folder"]]);
    expect(lintWorld('w/world.json', withArt('../story/secret.svg'), exists).problems.map((p) => p.code)).toEqual(['BAD_ASSET_PATH']);
  });

  it('refuses duplicate ids, unknown locations and a keyword claimed by two lore entries', () => {
    expect(codes(world({ locations: [{ id: 'a', name: 'A', description: '.' }, { id: 'a', name: 'A2', description: '.' }] }))).toContain('error:DUPLICATE_WORLD_ID');
    expect(codes(world({ start: 'nowhere' }))).toEqual(['error:UNKNOWN_LOCATION']);
    expect(codes(world({ characters: [{ id: 'c', name: 'C', personality: 'x', location: 'zz' }] }))).toEqual(['error:UNKNOWN_LOCATION']);
    expect(codes(world({ lore: [{ keys: ['Bell'], text: '1' }, { keys: ['bell'], text: '2' }] }))).toEqual(['error:DUPLICATE_LORE_KEY']);
    expect(codes(world({ lore: [{ keys: ['bell', 'bell'], text: '1' }] }))).toEqual(['warning:DUPLICATE_LORE_KEY']);
    expect(codes(world({ lore: [{ keys: [], text: '1' }] }))).toEqual(['error:SCHEMA_VIOLATION']);
  });

  it('reports unparsable JSON', () => {
    expect(codes(new UnparsableJson('Unexpected token'))).toEqual(['error:INVALID_JSON']);
  });
});

describe('loadContentDir with worlds', () => {
  const root = mkdtempSync(join(tmpdir(), 'worlds-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const put = (folder: string, doc: unknown) => {
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, 'world.json'), typeof doc === 'string' ? doc : JSON.stringify(doc));
  };

  it('loads valid worlds, leaves out broken ones and a second world with the same id', async () => {
    put('one', world({ id: 'one' }));
    put('two', world({ id: 'one' }));
    put('bad', world({ id: 'bad', start: 'nowhere' }));
    put('garbage', '{ nope');
    const result = await loadContentDir(root);
    expect(result.worlds.map((w) => w.manifest.id)).toEqual(['one']);
    expect(result.stories).toEqual([]);
    expect(result.problems.map((p) => `${p.file} ${p.code}`).sort()).toEqual(['bad/world.json UNKNOWN_LOCATION', 'garbage/world.json INVALID_JSON', 'two/world.json DUPLICATE_WORLD']);
  });
});

describe('shipped worlds', () => {
  it('the shipped content has at least one valid world with its lore and quests', async () => {
    const result = await loadContentDir(join(import.meta.dirname, '..', '..', '..', 'content'));
    expect(result.problems.filter((p) => p.file.includes('world.json'))).toEqual([]);
    const [shipped] = result.worlds;
    expect(shipped).toBeDefined();
    expect(shipped!.manifest.locations.length).toBeGreaterThanOrEqual(4);
    expect(shipped!.manifest.characters.length).toBeGreaterThanOrEqual(3);
    expect(shipped!.manifest.quests.length).toBeGreaterThanOrEqual(2);
    expect(shipped!.manifest.lore.length).toBeGreaterThanOrEqual(6);
  });
});
