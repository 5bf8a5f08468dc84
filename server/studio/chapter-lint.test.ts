import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContentDir } from '../../content-pipeline';
import { lintStudioChapter, MAX_PROBLEMS_KEPT, type StudioLintInput } from './chapter-lint';
import { tinyPng } from '../../testing/media-samples';
import { sampleChapter } from './studio-test-kit';

const story = { id: 'tide-clock', title: 'The Tide Clock', description: 'A clock that keeps the sea.', genre: 'mystery' };
const ids = { _id: 'tide-ch1', storyId: story.id };

function lint(document: Record<string, unknown>, overrides: Partial<StudioLintInput> = {}) {
  return lintStudioChapter({ story, document: { ...ids, ...document }, otherChapters: [], assetExists: () => false, ...overrides });
}

const codes = (result: ReturnType<typeof lint>) => result.problems.map((p) => `${p.severity} ${p.code} ${p.sceneId ?? '-'}`);

describe('linting a studio chapter', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('builds a clean chapter into the very bundle and hash the content pipeline builds from a story folder', async () => {
    const chapter = sampleChapter({ background: 'assets/bg.png' });
    const result = lint(chapter, { assetExists: (path) => path === 'assets/bg.png' });
    expect(result.problems).toEqual([]);
    expect(result.built).not.toBeNull();

    const root = mkdtempSync(join(tmpdir(), 'studio-lint-'));
    folders.push(root);
    mkdirSync(join(root, story.id, 'chapters'), { recursive: true });
    mkdirSync(join(root, story.id, 'assets'));
    writeFileSync(join(root, story.id, 'story.json'), JSON.stringify(story));
    writeFileSync(join(root, story.id, 'chapters', '01.json'), JSON.stringify({ ...ids, ...chapter }));
    writeFileSync(join(root, story.id, 'assets', 'bg.png'), tinyPng());
    const loaded = await loadContentDir(root);
    expect(loaded.problems).toEqual([]);
    const fromFolder = loaded.stories[0]!.chapters[0]!;
    expect(result.built!.sha256).toBe(fromFolder.sha256);
    expect(result.built!.bundle).toEqual(fromFolder.bundle);
    expect(result).toMatchObject({ number: 1, title: 'Arrival', assetPaths: ['assets/bg.png'] });
  });

  it('reports a dangling link as an error in its scene, and builds nothing', () => {
    const chapter = sampleChapter();
    chapter.scenes.crossroads.choice.options[0].nextSceneId = 'scene_nowhere';
    const result = lint(chapter);
    expect(codes(result)).toContain('error DANGLING_NEXT_SCENE crossroads');
    expect(result.problems[0]!.message).toContain('scene_nowhere');
    expect(result.built).toBeNull();
  });

  it('reports a dead end and a missing asset by scene', () => {
    const chapter = sampleChapter({ background: 'assets/bg.png' });
    delete chapter.scenes.opening.nextSceneId;
    const result = lint(chapter);
    expect(codes(result)).toEqual(expect.arrayContaining(['error DEAD_END opening', 'error MISSING_ASSET opening', 'error MISSING_ASSET closing']));
    expect(result.problems.find((p) => p.code === 'MISSING_ASSET')!.message).toMatch(/background points to "assets\/bg.png", which has not been uploaded to the story$/);
    expect(result.built).toBeNull();
  });

  it('takes any speaker: a studio story declares no characters', () => {
    const chapter = sampleChapter();
    chapter.scenes.opening.timeline.push({ type: 'dialogue', character: 'Somebody New', text: 'Hello.' });
    expect(lint(chapter).problems).toEqual([]);
  });

  it('judges flags across the story: a gate on a flag set in another chapter is fine, on one set nowhere a warning that does not block', () => {
    const gated = sampleChapter({ number: 2 });
    gated.scenes.crossroads.choice.options[0].requires = [{ flag: 'gave_ring' }];
    const alone = lint(gated);
    expect(codes(alone)).toEqual([]);

    delete gated.scenes.crossroads.choice.options[1].flag;
    const nowhere = lint(gated);
    expect(codes(nowhere)).toEqual(['warning FLAG_NEVER_SET crossroads']);
    expect(nowhere.built).not.toBeNull();

    const other = { id: 'tide-ch1', document: { ...ids, ...sampleChapter({ number: 1 }) } };
    expect(codes(lint({ ...gated, _id: 'tide-ch2' }, { otherChapters: [other] }))).toEqual([]);
  });

  it('refuses a chapter number another chapter of the story has, on the upload alone', () => {
    const other = { id: 'tide-ch0', document: { ...ids, _id: 'tide-ch0', ...sampleChapter({ number: 1 }), scenes: { only: { end: true, choice: undefined } } } };
    const result = lint(sampleChapter({ number: 1 }), { otherChapters: [other] });
    expect(codes(result)).toEqual(['error DUPLICATE_CHAPTER_NUMBER -']);
    expect(result.problems[0]!.message).toContain('tide-ch0');
  });

  it('reports schema problems with the field path, and still records the assets it names', () => {
    const result = lint({ title: 'No number', scenes: { a: { background: 'art/a.png', music: '../../etc/passwd', timeline: 'nope', end: true } } });
    expect(codes(result)).toEqual(expect.arrayContaining(['error BAD_CHAPTER_NUMBER -', 'error SCHEMA_VIOLATION a']));
    expect(result.problems.find((p) => p.sceneId === 'a')!.message).toMatch(/timeline/);
    expect(result).toMatchObject({ number: 0, title: 'Chapter 0', built: null, assetPaths: ['art/a.png'] });
  });

  it('refuses what the database could not hold: a very long title, a huge chapter number', () => {
    expect(codes(lint(sampleChapter({ title: 'x'.repeat(201) })))).toEqual(['error CHAPTER_TITLE_TOO_LONG -']);
    const huge = lint(sampleChapter({ number: 10 ** 12 }));
    expect(codes(huge)).toEqual(['error CHAPTER_NUMBER_TOO_LARGE -']);
    expect(huge.number).toBe(0);
  });

  it(`keeps at most ${MAX_PROBLEMS_KEPT} problems, and counts them all`, () => {
    const scenes = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`s${i}`, { timeline: [] }]));
    const result = lint({ chapterNumber: 1, scenes });
    expect(result.problems).toHaveLength(MAX_PROBLEMS_KEPT);
    expect(result.problemCount).toBeGreaterThan(500);
  });
});
