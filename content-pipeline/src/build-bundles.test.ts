import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContent } from './build-bundles';
import { sha256Hex } from './canonical-json';
import { readTree } from './test-support/dir-files';

// Golden tests: fixtures/golden/<case>/source is a content dir, <case>/expected the exact build
// output, committed. After an intended change of the output, regenerate with
//   UPDATE_GOLDEN=1 npx vitest run content-pipeline/src/build-bundles.test.ts
// and review the diff of expected/ like any other change.

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
const GOLDEN = join(FIXTURES, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const goldenCases = (await readdir(GOLDEN, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'content-build-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('buildContent: golden cases', () => {
  it('has the seed-format case and the every-extension case', () => {
    expect(goldenCases).toEqual(expect.arrayContaining(['seed-verbatim', 'every-extension']));
  });

  it.each(goldenCases)('%s builds byte for byte into expected/', async (name) => {
    const source = join(GOLDEN, name, 'source');
    const expectedDir = join(GOLDEN, name, 'expected');
    if (UPDATE) {
      await rm(expectedDir, { recursive: true, force: true });
      await buildContent(source, expectedDir);
    }
    const report = await buildContent(source, out);
    expect(report.problems).toEqual([]);

    const built = await readTree(out);
    const expected = await readTree(expectedDir);
    expect([...built.keys()]).toEqual([...expected.keys()]); // no extra, no missing files
    for (const [path, bytes] of expected) {
      // Text first for a readable diff, then bytes, which is what the hashes vouch for.
      expect({ path, text: built.get(path)?.toString('utf8') }).toEqual({ path, text: bytes.toString('utf8') });
      expect(built.get(path)?.equals(bytes), path).toBe(true);
    }
  });

  it('names each bundle by the SHA-256 of its bytes, as the manifest says', async () => {
    const report = await buildContent(join(GOLDEN, 'every-extension', 'source'), out);
    const chapters = report.manifest.stories.flatMap((s) => s.chapters);
    expect(chapters.map((c) => c.number)).toEqual([1, 2]);
    for (const chapter of chapters) {
      const bytes = await readFile(join(out, chapter.file));
      expect(sha256Hex(bytes.toString('utf8'))).toBe(chapter.sha256);
      expect(chapter.file).toBe(`glass-orchard/${chapter.id}.${chapter.sha256.slice(0, 16)}.json`);
    }
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'))).toEqual(report.manifest);
  });

  it('puts into each bundle exactly the characters the chapter names', async () => {
    const report = await buildContent(join(GOLDEN, 'every-extension', 'source'), out);
    const [first, second] = report.manifest.stories[0]?.chapters ?? [];
    const bundle = async (file: string | undefined) => JSON.parse(await readFile(join(out, file ?? 'missing'), 'utf8'));
    // Chapter 1: dialogue (Ilse, Crow, Bram), show/hide (Bram), relationship effects (Ilse, Bram).
    expect(Object.keys((await bundle(first?.file)).characters)).toEqual(['Bram', 'Crow', 'Ilse']);
    // Chapter 2: Moth speaks; Ilse and Bram appear only in relationship conditions.
    expect(Object.keys((await bundle(second?.file)).characters)).toEqual(['Bram', 'Ilse', 'Moth']);
  });
});

describe('buildContent: what it refuses and what it keeps', () => {
  it('writes nothing for a story with errors, and leaves it out of the manifest', async () => {
    const content = await mkdtemp(join(tmpdir(), 'content-src-'));
    try {
      await cp(join(FIXTURES, 'valid'), content, { recursive: true });
      await cp(join(FIXTURES, 'broken', 'dangling-next'), join(content, 'dangling-next'), { recursive: true });
      const report = await buildContent(content, out);
      expect(report.refused).toEqual(['dangling-next']);
      expect(report.problems.map((p) => p.code)).toContain('DANGLING_NEXT_SCENE');
      expect(report.manifest.stories.map((s) => s.id)).toEqual(['moonlit-ferry']);
      expect((await readdir(out)).sort()).toEqual(['manifest.json', 'moonlit-ferry']);
    } finally {
      await rm(content, { recursive: true, force: true });
    }
  });

  it('refuses an output dir inside the content dir before reading anything', async () => {
    const content = join(GOLDEN, 'seed-verbatim', 'source');
    await expect(buildContent(content, content)).rejects.toThrow(/inside the content dir/);
    await expect(buildContent(content, join(content, 'dist'))).rejects.toThrow(/inside the content dir/);
  });

  it('leaves files that already hold the same bytes untouched', async () => {
    const source = join(GOLDEN, 'every-extension', 'source');
    const first = await buildContent(source, out);
    expect(new Set(first.files.map((f) => f.status))).toEqual(new Set(['written']));
    const mtimes = async () => Promise.all(first.files.map(async (f) => (await stat(join(out, f.path))).mtimeMs));
    const before = await mtimes();
    await new Promise((done) => setTimeout(done, 20));

    const second = await buildContent(source, out);
    expect(second.files).toEqual(first.files.map((f) => ({ ...f, status: 'unchanged' })));
    expect(await mtimes()).toEqual(before);
  });

  it('refuses to overwrite a content-hashed file holding different bytes', async () => {
    const source = join(GOLDEN, 'seed-verbatim', 'source');
    const { manifest } = await buildContent(source, out);
    const file = manifest.stories[0]?.chapters[0]?.file ?? 'missing';
    await writeFile(join(out, file), '{"tampered":true}');
    await expect(buildContent(source, out)).rejects.toThrow(/refusing to overwrite .*same content hash/);
    expect(await readFile(join(out, file), 'utf8')).toBe('{"tampered":true}');
  });

  it('on a change, adds the new bundle beside the old one and updates assets and manifest', async () => {
    const content = await mkdtemp(join(tmpdir(), 'content-src-'));
    try {
      await cp(join(GOLDEN, 'seed-verbatim', 'source'), content, { recursive: true });
      const before = await buildContent(content, out);
      const chapterFile = join(content, 'harbor-bells', 'chapters', '01.json');
      await writeFile(chapterFile, (await readFile(chapterFile, 'utf8')).replace('Drink your cocoa.', 'Drink your tea.'));
      await writeFile(join(content, 'harbor-bells', 'assets', 'pier.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');

      const after = await buildContent(content, out);
      const oldFile = before.manifest.stories[0]?.chapters[0]?.file;
      const newFile = after.manifest.stories[0]?.chapters[0]?.file;
      expect(newFile).not.toBe(oldFile);
      expect(after.files).toEqual(
        expect.arrayContaining([
          { path: newFile, status: 'written' },
          { path: 'harbor-bells/assets/pier.svg', status: 'updated' },
          { path: 'manifest.json', status: 'updated' },
        ]),
      );
      // Old clients may still hold the old manifest: its bundle stays.
      expect((await readdir(join(out, 'harbor-bells'))).sort()).toEqual(['assets', oldFile?.split('/')[1], newFile?.split('/')[1]].sort());
    } finally {
      await rm(content, { recursive: true, force: true });
    }
  });
});
