import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStoryFile } from '../import-story-file';
import { formatImportProblem } from '../story-importer';

// Golden cases: fixtures/import/twine/<case>/source.{twee,html} beside either expected/ (the
// story folder, byte for byte) or expected-problems.txt (the import fails, nothing is written).
// After an intended change: UPDATE_GOLDEN=1 npx vitest run content-pipeline/src/import/twine

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'import', 'twine');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

async function filesUnder(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files[relative(dir, path)] = await readFile(path, 'utf8');
    }
  };
  await walk(dir).catch(() => undefined);
  return files;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'twine-golden-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const cases = await readdir(FIXTURES);

describe('Twine import golden cases', () => {
  it.each(cases)('%s', async (name) => {
    const dir = join(FIXTURES, name);
    const source = (await readdir(dir)).find((f) => f.startsWith('source.'))!;
    const out = join(scratch, name);
    const report = await importStoryFile(join(dir, source), out, { storyId: name });
    const expectedDir = join(dir, 'expected');
    const problemsFile = join(dir, 'expected-problems.txt');
    const printed = (report.ok ? report.warnings : [...report.problems]).map((p) => formatImportProblem({ ...p, file: basename(p.file) })).join('\n') + '\n';
    if (UPDATE) {
      await rm(expectedDir, { recursive: true, force: true });
      if (report.ok) {
        for (const [path, content] of Object.entries(await filesUnder(out))) {
          await mkdir(join(expectedDir, path, '..'), { recursive: true });
          await writeFile(join(expectedDir, path), content);
        }
      }
      await writeFile(problemsFile, printed);
    }
    expect(printed).toBe(await readFile(problemsFile, 'utf8'));
    const expected = await filesUnder(expectedDir);
    if (Object.keys(expected).length === 0) {
      expect(report.ok).toBe(false);
      expect(await readdir(scratch)).not.toContain(name);
      return;
    }
    expect(report).toMatchObject({ ok: true, lintProblems: expect.not.arrayContaining([expect.objectContaining({ severity: 'error' })]) });
    expect(await filesUnder(out)).toEqual(expected);
  });
});
