import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContent } from '../../build-bundles';
import { readTree } from '../../test-support/dir-files';
import { importStoryFile } from '../import-story-file';
import { formatImportProblem } from '../story-importer';
import { inkImporter } from './ink-importer';

// Golden tests: fixtures/import/ink/<case>/source holds the ink a writer brings (its main file is
// named after the case); expected/story is the story folder the import writes, expected/build what
// the builder makes of it (the ink chapter bundles). Regenerate after an intended change with
//   UPDATE_GOLDEN=1 npx vitest run content-pipeline/src/import/ink
// and review the diff like any other change.

const CASES = fileURLToPath(new URL('../../../fixtures/import/ink', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const cases = (await readdir(CASES, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ink-import-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function expectTree(actualDir: string, expectedDir: string): Promise<void> {
  if (UPDATE) {
    await rm(expectedDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.cp(actualDir, expectedDir, { recursive: true }));
  }
  const actual = await readTree(actualDir);
  const expected = await readTree(expectedDir);
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [path, bytes] of expected) expect({ path, text: actual.get(path)?.toString('utf8') }).toEqual({ path, text: bytes.toString('utf8') });
}

describe('ink importer: golden cases', () => {
  it.each(cases)('%s imports into expected/story and builds into expected/build', async (name) => {
    const content = join(root, 'content');
    const report = await importStoryFile(join(CASES, name, 'source', `${name}.ink`), join(content, name), { storyId: name });
    expect(report).toMatchObject({ ok: true, storyId: name });
    await expectTree(join(content, name), join(CASES, name, 'expected', 'story'));
    const build = await buildContent(content, join(root, 'build'));
    expect(build.refused).toEqual([]);
    await expectTree(join(root, 'build'), join(CASES, name, 'expected', 'build'));
  });

  it('the lighthouse: chapters from "# chapter:" knots, INCLUDEd files kept beside story.ink, missing art a warning with its line', async () => {
    const content = join(root, 'content');
    const report = await importStoryFile(join(CASES, 'lighthouse', 'source', 'lighthouse.ink'), join(content, 'lighthouse'));
    if (!report.ok) throw new Error(JSON.stringify(report));
    expect(report.storyId).toBe('the-lighthouse-keeper'); // from the # title: tag
    expect(report.files).toEqual(['endings.ink', 'story.ink', 'story.json']);
    expect(report.lintProblems.map((p) => [p.code, p.file, p.line])).toEqual([['INK_MISSING_ASSET', 'lighthouse/story.ink', 22]]);
    const build = await buildContent(content, join(root, 'build'));
    expect(build.manifest.stories[0]?.chapters.map((c) => [c.id, c.number, c.title])).toEqual([
      ['the-lighthouse-keeper-gallery', 1, 'The Gallery'],
      ['the-lighthouse-keeper-shore', 2, 'The Shore'],
    ]);
  });
});

describe('ink importer: problems', () => {
  const run = (text: string, fileName = 'tale.ink') => inkImporter.import({ fileName, text });

  it('gives every compile error with its file and line, and writes nothing', async () => {
    const result = run('Hello.\n* [Go] -> nowhere\n-> also_nowhere\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatImportProblem)).toEqual([
      expect.stringMatching(/^tale\.ink:2: error INK_COMPILE_ERROR: .*nowhere/),
      expect.stringMatching(/^tale\.ink:3: error INK_COMPILE_ERROR: .*also_nowhere/),
    ]);
    const source = join(root, 'bad.ink');
    await writeFile(source, '=== a ===\n~ x = \n');
    const report = await importStoryFile(source, join(root, 'out'));
    expect(report).toMatchObject({ ok: false, problems: [{ code: 'INK_COMPILE_ERROR', line: 2 }] });
    expect(await readdir(root)).toEqual(['bad.ink']);
  });

  it('names an INCLUDE it cannot read, at the INCLUDE line, and problems inside an included file by that file', async () => {
    const missing = run('Hi.\nINCLUDE gone.ink\n-> END\n', join(root, 'tale.ink'));
    expect(missing).toMatchObject({ ok: false, problems: [{ code: 'INK_INCLUDE_MISSING', file: join(root, 'tale.ink'), line: 2 }] });
    await writeFile(join(root, 'part.ink'), '=== part ===\nFine.\n-> nowhere\n');
    const inner = run('-> part\nINCLUDE part.ink\n', join(root, 'tale.ink'));
    expect(inner).toMatchObject({ ok: false, problems: [{ code: 'INK_COMPILE_ERROR', file: join(root, 'part.ink'), line: 3 }] });
    expect(run('INCLUDE ../../etc/passwd\n-> END\n', join(root, 'tale.ink'))).toMatchObject({ ok: false, problems: [{ code: 'INK_INCLUDE_MISSING', line: 1 }] });
  });

  it('takes the title from the file name without a # title: tag, and the id asked for', () => {
    expect(inkImporter.import({ fileName: 'stories/night-walk.ink', text: 'Dark.\n-> END\n', storyId: 'walk' })).toMatchObject({
      ok: true,
      storyId: 'walk',
      files: { 'story.json': expect.stringContaining('"title": "night-walk"'), 'story.ink': 'Dark.\n-> END\n' },
    });
  });
});
