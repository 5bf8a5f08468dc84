import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importStoryFile, ImportUsageError } from './import-story-file';
import type { ImportInput, ImportResult, StoryImporter } from './story-importer';
import { formatImportProblem, storyIdFrom } from './story-importer';

// The import command's contract, independent of any source format: a tiny line-per-scene format
// stands in for Ink and Twine (their importers have their own golden tests).

const lineFormat: StoryImporter = {
  name: 'Lines',
  extensions: ['.lines'],
  import({ fileName, text, storyId }: ImportInput): ImportResult {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const bad = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.includes('<script'));
    if (bad.length > 0) return { ok: false, problems: bad.map(({ i }) => ({ severity: 'error', code: 'SCRIPT', file: fileName, line: i + 1, message: 'JavaScript is not imported' })) };
    const id = storyId ?? storyIdFrom(lines[0] ?? '');
    const scenes = Object.fromEntries(lines.map((l, i) => [`s${i}`, { timeline: [{ type: 'narration', text: l }], ...(i === lines.length - 1 ? { end: true } : { nextSceneId: `s${i + 1}` }) }]));
    return {
      ok: true,
      storyId: id,
      files: {
        'story.json': JSON.stringify({ id, title: lines[0], description: 'Imported.', genre: 'drama' }),
        'chapters/01.json': JSON.stringify({ _id: `${id}-ch1`, storyId: id, chapterNumber: 1, scenes }),
      },
      warnings: [{ severity: 'warning', code: 'NOTE', file: fileName, line: 1, message: 'a note' }],
    };
  },
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'import-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function source(name: string, text: string): Promise<string> {
  const path = join(root, name);
  await writeFile(path, text);
  return path;
}

describe('importStoryFile', () => {
  it('writes a story folder that lints clean, with the id asked for', async () => {
    const report = await importStoryFile(await source('tale.lines', 'The Tale\nIt ends.'), join(root, 'out', 'tale'), { storyId: 'tale', importers: [lineFormat] });
    expect(report).toMatchObject({ ok: true, storyId: 'tale', files: ['chapters/01.json', 'story.json'], lintProblems: [] });
    expect(JSON.parse(await readFile(join(root, 'out', 'tale', 'story.json'), 'utf8'))).toMatchObject({ id: 'tale', title: 'The Tale' });
    expect(await readdir(join(root, 'out'))).toEqual(['tale']);
  });

  it('writes nothing when the importer finds problems', async () => {
    const report = await importStoryFile(await source('bad.lines', 'Title\n<script>x</script>'), join(root, 'out', 'bad'), { importers: [lineFormat] });
    expect(report).toMatchObject({ ok: false, problems: [{ code: 'SCRIPT', line: 2 }] });
    expect(await readdir(root)).toEqual(['bad.lines']);
  });

  it('writes nothing when the imported folder does not lint (its problems name the folder)', async () => {
    const broken: StoryImporter = { ...lineFormat, import: (input) => {
      const result = lineFormat.import(input);
      if (!result.ok) return result;
      return { ...result, files: { ...result.files, 'chapters/01.json': JSON.stringify({ _id: 'x', storyId: result.storyId, chapterNumber: 1, scenes: { a: { timeline: [], nextSceneId: 'gone' } } }) } };
    } };
    const report = await importStoryFile(await source('t.lines', 'T\nU'), join(root, 'out', 't'), { storyId: 't', importers: [broken] });
    expect(report.ok).toBe(false);
    expect(report.lintProblems.map((p) => p.code)).toContain('DANGLING_NEXT_SCENE');
    expect(report.lintProblems.every((p) => p.file.startsWith('t/') && p.message.startsWith('t/'))).toBe(true);
    expect(await readdir(join(root, 'out'))).toEqual([]);
  });

  it('refuses an unknown extension and a non-empty --out unless forced', async () => {
    await expect(importStoryFile(await source('x.doc', 'x'), join(root, 'o'), { importers: [lineFormat] })).rejects.toThrow(/no importer for x\.doc \(supported: \.lines\)/);
    await mkdir(join(root, 'full'));
    await writeFile(join(root, 'full', 'keep.txt'), 'mine');
    const file = await source('a.lines', 'A\nB');
    await expect(importStoryFile(file, join(root, 'full'), { importers: [lineFormat] })).rejects.toBeInstanceOf(ImportUsageError);
    expect(await importStoryFile(file, join(root, 'full'), { force: true, importers: [lineFormat] })).toMatchObject({ ok: true });
    expect((await readdir(join(root, 'full'))).sort()).toEqual(['chapters', 'story.json']);
  });
});

describe('import problems', () => {
  it('print as file:line: severity CODE: message', () => {
    expect(formatImportProblem({ severity: 'error', code: 'INK_COMPILE_ERROR', file: 'tale.ink', line: 12, message: 'Unexpected token' })).toBe('tale.ink:12: error INK_COMPILE_ERROR: Unexpected token');
    expect(formatImportProblem({ severity: 'warning', code: 'X', file: 'tale.ink', message: 'm' })).toBe('tale.ink: warning X: m');
  });
  it('derive story ids from titles', () => {
    expect(storyIdFrom('The Intercept!')).toBe('the-intercept');
    expect(storyIdFrom('Café — Noir')).toBe('cafe-noir');
    expect(storyIdFrom('***')).toBe('imported-story');
  });
});
