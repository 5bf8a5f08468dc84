import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeStory } from '../lint';
import { loadContentDir } from '../load-content';
import { formatProblemLine } from '../problem-report';
import { readStoryFolder } from '../read-story-folder';

// An ink story in a content dir: story.json names the .ink source, the pipeline compiles it.

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ink-lint-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function story(files: Record<string, string>, manifest: object = {}): Promise<void> {
  await mkdir(join(root, 'tale', 'assets'), { recursive: true });
  await writeFile(join(root, 'tale', 'story.json'), JSON.stringify({ id: 'tale', title: 'Tale', description: '', genre: 'drama', source: 'story.ink', ...manifest }));
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, 'tale', name), text);
}
const problems = async () => analyzeStory(await readStoryFolder(root, 'tale')).problems;

describe('ink stories in the pipeline', () => {
  it('print compile errors with file and line', async () => {
    await story({ 'story.ink': 'Fine.\n-> nowhere\n' });
    const found = await problems();
    expect(found).toMatchObject([{ severity: 'error', code: 'INK_COMPILE_ERROR', file: 'tale/story.ink', line: 2 }]);
    expect(formatProblemLine(found[0]!)).toMatch(/^error INK_COMPILE_ERROR tale\/story\.ink:2: .*nowhere/);
    expect(found[0]!.message).toMatch(/^tale\/story\.ink:2: /);
  });

  it('refuse a source that is not there, and chapters/*.json beside ink', async () => {
    await story({}, { source: 'gone.ink' });
    expect(await problems()).toMatchObject([{ code: 'INK_SOURCE_MISSING', file: 'tale/gone.ink' }]);
    await story({ 'story.ink': 'Hi.\n-> END\n' });
    await mkdir(join(root, 'tale', 'chapters'));
    await writeFile(join(root, 'tale', 'chapters', '01.json'), '{}');
    expect((await problems()).map((p) => p.code)).toContain('INK_WITH_CHAPTERS');
  });

  it('check the art stage tags name, and serve only the art that exists', async () => {
    await story({ 'story.ink': '# background: assets/bay.svg\nBay.\nDock. # music: assets/none.ogg\nOut. # background: ../secret.txt\n-> END\n', 'assets/bay.svg': '<svg/>' });
    expect((await problems()).map((p) => [p.severity, p.code, p.line])).toEqual([['warning', 'INK_MISSING_ASSET', 3], ['error', 'BAD_ASSET_PATH', 4]]);
    await story({ 'story.ink': '# background: assets/bay.svg\nBay.\n-> END\n', 'assets/bay.svg': '<svg/>' });
    const loaded = await loadContentDir(root);
    expect(loaded.problems).toEqual([]);
    expect(loaded.stories[0]?.assets).toEqual(['assets/bay.svg']);
    expect(loaded.stories[0]?.chapters.map((c) => [c.id, c.title, c.file])).toEqual([['tale-ch1', 'Tale', 'tale/story.ink']]);
    expect(loaded.stories[0]?.chapters[0]?.bundle).toMatchObject({ format: 'ink', id: 'tale-ch1', storyId: 'tale', number: 1, startKnot: null, chapterKnots: [], assets: ['assets/bay.svg'], characters: {} });
  });

  it('refuse an EXTERNAL function without an ink fallback, and play one with it', async () => {
    await story({ 'story.ink': 'EXTERNAL roll()\nYou rolled {roll()}.\n-> END\n' });
    expect(await problems()).toMatchObject([{ code: 'INK_EXTERNAL_FUNCTION', file: 'tale/story.ink', message: expect.stringMatching(/roll/) }]);
    await story({ 'story.ink': 'EXTERNAL roll()\nYou rolled {roll()}.\n-> END\n=== function roll() ===\n~ return 4\n' });
    expect(await problems()).toEqual([]);
  });
});
