import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from './json-document';
import { lintStory, type LintStoryInput } from './lint';

// lintStory is pure: these tests build documents in memory and answer asset lookups from a set.

const manifest = { id: 'tiny', title: 'Tiny', description: 'A tiny story.', genre: 'drama', cover: 'assets/cover.svg' };
const chapter = {
  _id: 'tiny-ch1',
  storyId: 'tiny',
  chapterNumber: 1,
  scenes: {
    start: { background: 'assets/bg.svg', timeline: [{ type: 'dialogue', character: 'Anyone', text: 'Hello.' }], nextSceneId: 'end' },
    end: { timeline: [], end: true },
  },
};

function lint(overrides: Partial<LintStoryInput> = {}, files = new Set(['assets/cover.svg', 'assets/bg.svg'])) {
  const asked: string[] = [];
  const problems = lintStory({
    manifestFile: 'tiny/story.json',
    manifest,
    chapters: [{ file: 'tiny/chapters/01.json', doc: chapter }],
    assetExists: (p) => {
      asked.push(p);
      return files.has(p);
    },
    ...overrides,
  });
  return { problems, asked };
}

describe('lintStory', () => {
  it('passes a clean story and asks only about the assets it names', () => {
    const { problems, asked } = lint();
    expect(problems).toEqual([]);
    expect(asked.sort()).toEqual(['assets/bg.svg', 'assets/cover.svg']);
  });

  it('accepts any speaker when the story declares no characters', () => {
    expect(lint().problems).toEqual([]);
  });

  it('keeps unknown keys (extensions are additive) without complaint', () => {
    const extended = { ...chapter, endings: [{ id: 'good' }], scenes: { ...chapter.scenes, end: { timeline: [], end: true, transition: 'fade' } } };
    expect(lint({ chapters: [{ file: 'tiny/chapters/01.json', doc: extended }] }).problems).toEqual([]);
  });

  it('reports malformed JSON handed over by parseJsonDocument', () => {
    const doc = parseJsonDocument('{"_id": ');
    const { problems } = lint({ chapters: [{ file: 'tiny/chapters/01.json', doc }] });
    expect(problems.map((p) => [p.code, p.file])).toEqual([['INVALID_JSON', 'tiny/chapters/01.json']]);
  });

  it('never asks about a path that could leave the story folder', () => {
    const { problems, asked } = lint({ manifest: { ...manifest, cover: '../../etc/passwd' } });
    expect(problems.map((p) => p.code)).toEqual(['BAD_ASSET_PATH']);
    expect(asked).toEqual(['assets/bg.svg']);
  });

  it('still lints the chapters when story.json is broken', () => {
    const dangling = { ...chapter, scenes: { ...chapter.scenes, start: { ...chapter.scenes.start, nextSceneId: 'gone' } } };
    const { problems } = lint({ manifest: { title: 'No id' }, chapters: [{ file: 'tiny/chapters/01.json', doc: dangling }] });
    expect(problems.map((p) => [p.code, p.sceneId ?? '']).sort()).toEqual([
      ['BAD_STORY_ID', ''],
      ['DANGLING_NEXT_SCENE', 'start'],
      ['NO_REACHABLE_END', 'start'],
      ['SCHEMA_VIOLATION', ''], // description
      ['SCHEMA_VIOLATION', ''], // genre
      ['UNREACHABLE_SCENE', 'end'], // its only way in was the broken link
    ]);
  });

  it("rejects a mood that is not one of the character's sprites, but only warns when it has none", () => {
    const moody = { ...chapter, scenes: { ...chapter.scenes, start: { ...chapter.scenes.start, timeline: [{ type: 'dialogue', character: 'Anyone', text: 'Hm.', mood: 'sad' }] } } };
    const lintWith = (character: object) =>
      lint({ manifest: { ...manifest, characters: { Anyone: character } }, chapters: [{ file: 'tiny/chapters/01.json', doc: moody }] }).problems.map((p) => [p.severity, p.code, p.sceneId]);
    expect(lintWith({ sprites: { happy: 'assets/bg.svg' } })).toEqual([['error', 'UNKNOWN_MOOD', 'start']]);
    expect(lintWith({ displayName: 'Anyone' })).toEqual([['warning', 'UNKNOWN_MOOD', 'start']]);
  });

  it('treats a missing timeline as empty and a numeric-string cost as a BAD_COST', () => {
    const doc = {
      ...chapter,
      scenes: {
        start: { choice: { prompt: 'Pay?', options: [{ id: 'pay', text: 'Pay', nextSceneId: 'end', cost: '5' }] } },
        end: { end: true },
      },
    };
    const { problems } = lint({ chapters: [{ file: 'tiny/chapters/01.json', doc }] });
    expect(problems.map((p) => [p.code, p.sceneId])).toEqual([['BAD_COST', 'start']]);
  });
});
