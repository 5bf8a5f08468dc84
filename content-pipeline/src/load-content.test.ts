import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './canonical-json';
import type { ContentProblem } from './content-problem';
import { loadContentDir, type ChapterBundle, type ContentLoadResult, type LoadedChapter } from './load-content';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

/** The parts of a problem a test pins down; the message wording is free to improve. */
type Expected = Pick<ContentProblem, 'code' | 'file'> & { sceneId?: string; severity?: ContentProblem['severity'] };

const summarize = (problems: readonly ContentProblem[]): Expected[] =>
  problems
    .map((p) => ({ severity: p.severity, code: p.code, file: p.file, ...(p.sceneId === undefined ? {} : { sceneId: p.sceneId }) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const expected = (items: Expected[]) => summarize(items.map((e) => ({ severity: 'error', message: '', ...e })));

describe('loadContentDir: one broken story per rule', () => {
  let result: ContentLoadResult;
  beforeAll(async () => {
    result = await loadContentDir(join(FIXTURES, 'broken'));
  });

  const ch = (rule: string, name = '01.json') => `${rule}/chapters/${name}`;
  const manifest = (rule: string) => `${rule}/story.json`;
  const cases: Record<string, Expected[]> = {
    'invalid-json-chapter': [{ code: 'INVALID_JSON', file: ch('invalid-json-chapter') }],
    'invalid-json-manifest': [{ code: 'INVALID_JSON', file: manifest('invalid-json-manifest') }],
    'schema-manifest': [{ code: 'SCHEMA_VIOLATION', file: manifest('schema-manifest') }],
    'schema-chapter': [{ code: 'SCHEMA_VIOLATION', file: ch('schema-chapter'), sceneId: 'fork' }],
    'bad-story-id': [{ code: 'BAD_STORY_ID', file: manifest('bad-story-id') }],
    'story-id-mismatch': [{ code: 'STORY_ID_MISMATCH', file: ch('story-id-mismatch') }],
    'duplicate-chapter-id': [{ code: 'DUPLICATE_CHAPTER_ID', file: ch('duplicate-chapter-id', '02.json') }],
    'bad-chapter-number': [{ code: 'BAD_CHAPTER_NUMBER', file: ch('bad-chapter-number') }],
    'duplicate-chapter-number': [{ code: 'DUPLICATE_CHAPTER_NUMBER', file: ch('duplicate-chapter-number', '02.json') }],
    'missing-start-scene': [{ code: 'MISSING_START_SCENE', file: ch('missing-start-scene') }],
    'no-scenes': [{ code: 'NO_SCENES', file: ch('no-scenes') }],
    'no-chapters': [{ code: 'NO_CHAPTERS', file: manifest('no-chapters') }],
    'dangling-next': [
      { code: 'DANGLING_NEXT_SCENE', file: ch('dangling-next'), sceneId: 'fork' },
      { code: 'DANGLING_NEXT_SCENE', file: ch('dangling-next'), sceneId: 'cave' },
    ],
    'dead-end': [{ code: 'DEAD_END', file: ch('dead-end'), sceneId: 'stuck' }],
    'ambiguous-end': [{ code: 'AMBIGUOUS_END', file: ch('ambiguous-end'), sceneId: 'ending' }],
    'ambiguous-next': [{ code: 'AMBIGUOUS_NEXT', file: ch('ambiguous-next'), sceneId: 'fork' }],
    'unreachable-scene': [{ code: 'UNREACHABLE_SCENE', file: ch('unreachable-scene'), sceneId: 'forgotten' }],
    'no-reachable-end': [{ code: 'NO_REACHABLE_END', file: ch('no-reachable-end'), sceneId: 'round' }],
    'endless-loop': [
      { code: 'ENDLESS_LOOP', file: ch('endless-loop'), sceneId: 'maze' },
      { code: 'ENDLESS_LOOP', file: ch('endless-loop'), sceneId: 'maze_corner' },
    ],
    'empty-choice': [{ code: 'EMPTY_CHOICE', file: ch('empty-choice'), sceneId: 'hesitate' }],
    'duplicate-option-id': [{ code: 'DUPLICATE_OPTION_ID', file: ch('duplicate-option-id'), sceneId: 'fork' }],
    'bad-cost': [
      { code: 'BAD_COST', file: ch('bad-cost'), sceneId: 'fork' },
      { code: 'BAD_COST', file: ch('bad-cost'), sceneId: 'fork' },
      { code: 'BAD_COST', file: ch('bad-cost'), sceneId: 'fork' },
    ],
    'undefined-character': [{ code: 'UNDEFINED_CHARACTER', file: ch('undefined-character'), sceneId: 'ending' }],
    'bad-chapter-id': [{ code: 'BAD_CHAPTER_ID', file: ch('bad-chapter-id') }],
    'bad-color': [{ code: 'SCHEMA_VIOLATION', file: manifest('bad-color') }],
    'bad-step': [
      { code: 'SCHEMA_VIOLATION', file: ch('bad-step'), sceneId: 'opening' }, // show position "top"
      { code: 'SCHEMA_VIOLATION', file: ch('bad-step'), sceneId: 'ending' }, // narration without text
    ],
    'bad-condition': [
      { code: 'SCHEMA_VIOLATION', file: ch('bad-condition'), sceneId: 'fork' }, // flag and relationship
      { code: 'SCHEMA_VIOLATION', file: ch('bad-condition'), sceneId: 'fork' }, // neither
      { code: 'SCHEMA_VIOLATION', file: ch('bad-condition'), sceneId: 'fork' }, // relationship without min/max
      { code: 'SCHEMA_VIOLATION', file: ch('bad-condition'), sceneId: 'fork' }, // set is not a boolean
    ],
    'unknown-mood': [
      { code: 'UNKNOWN_MOOD', file: ch('unknown-mood'), sceneId: 'opening' }, // dialogue
      { code: 'UNKNOWN_MOOD', file: ch('unknown-mood'), sceneId: 'ending' }, // show step
    ],
    'unknown-default-mood': [{ code: 'UNKNOWN_DEFAULT_MOOD', file: manifest('unknown-default-mood') }],
    'undefined-stage-character': [
      { code: 'UNDEFINED_CHARACTER', file: ch('undefined-stage-character'), sceneId: 'opening' }, // show
      { code: 'UNDEFINED_CHARACTER', file: ch('undefined-stage-character'), sceneId: 'fork' }, // hide
    ],
    'undefined-relationship': [
      { code: 'UNDEFINED_CHARACTER', file: ch('undefined-relationship'), sceneId: 'fork' }, // effect
      { code: 'UNDEFINED_CHARACTER', file: ch('undefined-relationship'), sceneId: 'second_fork' }, // condition
    ],
    'impossible-condition': [{ code: 'IMPOSSIBLE_CONDITION', file: ch('impossible-condition'), sceneId: 'fork' }],
    'misplaced-ending': [{ code: 'MISPLACED_ENDING', file: ch('misplaced-ending'), sceneId: 'fork' }],
    'missing-asset': [
      { code: 'MISSING_ASSET', file: manifest('missing-asset') },
      { code: 'MISSING_ASSET', file: manifest('missing-asset') },
      { code: 'MISSING_ASSET', file: ch('missing-asset'), sceneId: 'opening' },
      { code: 'MISSING_ASSET', file: ch('missing-asset'), sceneId: 'opening' },
    ],
    'bad-asset-path': [
      { code: 'BAD_ASSET_PATH', file: manifest('bad-asset-path') },
      { code: 'BAD_ASSET_PATH', file: ch('bad-asset-path'), sceneId: 'opening' },
    ],
  };

  it.each(Object.entries(cases))('%s yields exactly its problem(s)', (rule, problems) => {
    expect(summarize(result.problems.filter((p) => p.file.startsWith(`${rule}/`)))).toEqual(expected(problems));
  });

  it('has a case for every broken fixture folder and loads none of them', () => {
    const folders = new Set(result.problems.map((p) => p.file.split('/')[0]));
    expect([...folders].sort()).toEqual(Object.keys(cases).sort());
    expect(result.stories).toEqual([]);
  });

  it('writes messages that name the file, the scene and the reason', () => {
    const dangling = result.problems.find((p) => p.code === 'DANGLING_NEXT_SCENE' && p.sceneId === 'cave');
    expect(dangling?.message).toBe(
      'dangling-next/chapters/01.json, scene "cave": nextSceneId points to "deeper_cave", which is not a scene in this chapter',
    );
    const step = result.problems.find((p) => p.file === ch('schema-chapter'));
    expect(step?.message).toContain('timeline[0].type "shout"');
    const cost = result.problems.filter((p) => p.code === 'BAD_COST').map((p) => p.message);
    expect(cost).toContain('bad-cost/chapters/01.json, scene "fork": choice.options[2].cost is 5000: must be a whole number of diamonds from 0 to 1000');
    const conditions = result.problems.filter((p) => p.file === ch('bad-condition')).map((p) => p.message);
    expect(conditions).toContain('bad-condition/chapters/01.json, scene "fork": choice.options[1].requires[3].set must be boolean, not string');
    expect(conditions.some((m) => m.includes('requires[1]: not a condition'))).toBe(true);
  });
});

describe('loadContentDir: valid content', () => {
  it('loads a clean story with bundles, fingerprints and its assets', async () => {
    const result = await loadContentDir(join(FIXTURES, 'valid'));
    expect(result.problems).toEqual([]);
    expect(result.worldDirs).toEqual([join(FIXTURES, 'valid', 'tideworld')]);
    expect(result.stories).toHaveLength(1);
    const [story] = result.stories;
    expect(story?.manifest.id).toBe('moonlit-ferry');
    expect(story?.dir).toBe(join(FIXTURES, 'valid', 'moonlit-ferry'));
    expect(story?.assets).toEqual(['assets/cover.svg', 'assets/dock.svg', 'assets/oona-calm.svg', 'assets/waves.ogg']);

    // Sorted by number, not by file name (a-arrival.json holds chapter 2).
    expect(story?.chapters.map((c) => [c.number, c.id, c.title, c.file])).toEqual([
      [1, 'moonlit-ferry-ch1', 'Departure', 'moonlit-ferry/chapters/b-departure.json'],
      [2, 'moonlit-ferry-ch2', 'Chapter 2', 'moonlit-ferry/chapters/a-arrival.json'],
    ]);
    const [first, second] = (story?.chapters ?? []) as (LoadedChapter & { bundle: ChapterBundle })[];
    expect(second?.bundle.startSceneId).toBe('shore'); // first listed scene when startSceneId is absent
    expect(first?.bundle).toMatchObject({ format: 1, id: 'moonlit-ferry-ch1', storyId: 'moonlit-ferry', number: 1, startSceneId: 'opening' });
    expect(Object.keys(first?.bundle.characters ?? {}).sort()).toEqual(['Guide', 'Oona', 'Pilot']);
    expect(Object.keys(second?.bundle.characters ?? {})).toEqual(['Pilot']); // only who speaks in it
    expect(first?.bundle.scenes.ending?.ending).toEqual({ title: 'Safe Harbor' });
    expect(first?.bundle.scenes.ending?.weather).toBe('fog'); // unknown keys pass through
    expect(first?.sha256).toBe(sha256Hex(canonicalJson(first?.bundle)));
    expect(first?.sha256).not.toBe(second?.sha256);
  });

  it('fingerprints are stable from one load to the next', async () => {
    const hashes = async () => (await loadContentDir(join(FIXTURES, 'valid'))).stories.flatMap((s) => s.chapters.map((c) => c.sha256));
    expect(await hashes()).toEqual(await hashes());
  });

  it('loads stories with warnings, ignores hidden folders and loose files, warns about unknown and two-faced folders', async () => {
    const result = await loadContentDir(join(FIXTURES, 'warnings'));
    expect(result.stories.map((s) => s.manifest.id)).toEqual(['all-options-gated', 'both-kinds', 'flag-never-set', 'mood-warning', 'relationship-out-of-reach']);
    expect(result.worldDirs).toEqual([]);
    expect(summarize(result.problems)).toEqual(
      expected([
        { severity: 'warning', code: 'ALL_OPTIONS_GATED', file: 'all-options-gated/chapters/01.json', sceneId: 'fork' },
        { severity: 'warning', code: 'AMBIGUOUS_CONTENT_FOLDER', file: 'both-kinds' },
        // Chapter 2 gates on "met_guide" (set in chapter 1: fine), "has_key" (never set) and
        // "alarm_raised" unset (never set, so the gate never closes).
        { severity: 'warning', code: 'FLAG_NEVER_SET', file: 'flag-never-set/chapters/02.json', sceneId: 'fork' },
        { severity: 'warning', code: 'FLAG_NEVER_SET', file: 'flag-never-set/chapters/02.json', sceneId: 'fork' },
        // The guide has sprites nowhere, so a mood is harmless.
        { severity: 'warning', code: 'UNKNOWN_MOOD', file: 'mood-warning/chapters/01.json', sceneId: 'opening' },
        { severity: 'warning', code: 'RELATIONSHIP_OUT_OF_REACH', file: 'relationship-out-of-reach/chapters/01.json', sceneId: 'fork' },
        { severity: 'warning', code: 'UNKNOWN_CONTENT_FOLDER', file: 'stray-folder' },
      ]),
    );
    const flags = result.problems.filter((p) => p.code === 'FLAG_NEVER_SET').map((p) => p.message);
    expect(flags.some((m) => m.includes('"has_key"') && m.includes('can never be chosen'))).toBe(true);
    expect(flags.some((m) => m.includes('"alarm_raised"') && m.includes('always holds'))).toBe(true);
  });

  it('throws a clear error when the content dir itself is missing', async () => {
    await expect(loadContentDir(join(FIXTURES, 'no-such-dir'))).rejects.toThrow(/content directory .*no-such-dir/);
  });
});

describe('loadContentDir: across stories', () => {
  it('keeps the first claimant of a story id or chapter _id and rejects later ones', async () => {
    const result = await loadContentDir(join(FIXTURES, 'duplicates'));
    expect(result.stories.map((s) => basename(s.dir))).toEqual(['a-original']);
    expect(summarize(result.problems)).toEqual(
      expected([
        { code: 'DUPLICATE_STORY_ID', file: 'b-copy/story.json' },
        { code: 'DUPLICATE_CHAPTER_ID', file: 'c-other/chapters/01.json' },
      ]),
    );
  });

  describe('a content dir mixing valid and broken stories', () => {
    let dir: string;
    let result: ContentLoadResult;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'content-mixed-'));
      await cp(join(FIXTURES, 'valid'), dir, { recursive: true });
      await cp(join(FIXTURES, 'broken'), dir, { recursive: true });
      result = await loadContentDir(dir);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('loads the valid stories and leaves every broken one out', () => {
      expect(result.stories.map((s) => s.manifest.id)).toEqual(['moonlit-ferry']);
      expect(result.worldDirs.map((d) => basename(d))).toEqual(['tideworld']);
      const brokenFolders = new Set(result.problems.filter((p) => p.severity === 'error').map((p) => p.file.split('/')[0]));
      expect(brokenFolders.has('moonlit-ferry')).toBe(false);
      expect(brokenFolders.size).toBe(35);
    });

    it('refuses a path that climbs out of its story even when the target exists', () => {
      const climb = result.problems.find((p) => p.file === 'bad-asset-path/story.json');
      expect(climb?.code).toBe('BAD_ASSET_PATH');
    });
  });
});
