import { describe, expect, it } from 'vitest';
import { lintStory } from '../lint';

// The condition rules (IMPOSSIBLE_CONDITION, FLAG_NEVER_SET, RELATIONSHIP_OUT_OF_REACH,
// ALL_OPTIONS_GATED) on documents built in memory; the fixtures cover one case of each.

const manifest = { id: 'gates', title: 'Gates', description: 'Conditions.', genre: 'drama', characters: { Ana: {}, Ben: {} } };

type Option = { id: string; flag?: string; effects?: object; requires?: object[] };

function chapter(number: number, options: Option[]) {
  return {
    _id: `gates-ch${number}`,
    storyId: 'gates',
    chapterNumber: number,
    scenes: {
      fork: { choice: { prompt: '?', options: options.map((o) => ({ text: o.id, nextSceneId: 'end', ...o })) } },
      end: { end: true },
    },
  };
}

function lint(...chapters: unknown[]) {
  return lintStory({
    manifestFile: 'gates/story.json',
    manifest,
    chapters: chapters.map((doc, i) => ({ file: `gates/chapters/0${i + 1}.json`, doc })),
    assetExists: () => true,
  }).map((p) => [p.severity, p.code, p.file, p.sceneId]);
}

const open: Option = { id: 'open' };

describe('flag conditions', () => {
  it('accepts a flag set in another chapter, by `flag` or by effects', () => {
    const setter = chapter(1, [{ id: 'a', flag: 'one' }, { id: 'b', effects: { flags: { two: true } } }]);
    expect(lint(setter, chapter(2, [open, { id: 'x', requires: [{ flag: 'one' }, { flag: 'two', set: true }] }]))).toEqual([]);
  });

  it('warns when no option ever sets the flag to true', () => {
    const onlyClears = chapter(1, [{ id: 'a', effects: { flags: { one: false } } }]);
    expect(lint(onlyClears, chapter(2, [open, { id: 'x', requires: [{ flag: 'one' }] }]))).toEqual([['warning', 'FLAG_NEVER_SET', 'gates/chapters/02.json', 'fork']]);
  });

  it('accepts "set": false on a flag something sets, warns when nothing does', () => {
    expect(lint(chapter(1, [{ id: 'a', flag: 'one' }, { id: 'x', requires: [{ flag: 'one', set: false }] }]))).toEqual([]);
    expect(lint(chapter(1, [open, { id: 'x', requires: [{ flag: 'nobody', set: false }] }]))).toEqual([['warning', 'FLAG_NEVER_SET', 'gates/chapters/01.json', 'fork']]);
  });

  it('waits for every chapter to parse before calling a flag never set', () => {
    const unparsable = { ...chapter(1, [{ id: 'a', flag: 'one' }]), chapterNumber: 'one' };
    expect(lint(unparsable, chapter(2, [open, { id: 'x', requires: [{ flag: 'one' }] }]))).toEqual([['error', 'BAD_CHAPTER_NUMBER', 'gates/chapters/01.json', undefined]]);
  });
});

describe('relationship conditions', () => {
  it('errors on min above max, once (no echo about reachability)', () => {
    expect(lint(chapter(1, [open, { id: 'x', requires: [{ relationship: 'Ana', min: 2, max: 1 }] }]))).toEqual([['error', 'IMPOSSIBLE_CONDITION', 'gates/chapters/01.json', 'fork']]);
  });

  it('accepts min equal to max and ranges around the starting 0', () => {
    const raise = { id: 'r', effects: { relationships: { Ana: 1 } } };
    expect(lint(chapter(1, [raise, { id: 'x', requires: [{ relationship: 'Ana', min: 1, max: 1 }, { relationship: 'Ben', min: -3, max: 3 }] }]))).toEqual([]);
  });

  it('warns when the value can never leave 0 in the needed direction', () => {
    const lowerAna = { id: 'l', effects: { relationships: { Ana: -2 } } };
    expect(lint(chapter(1, [lowerAna, { id: 'x', requires: [{ relationship: 'Ana', min: 1 }] }]))).toEqual([['warning', 'RELATIONSHIP_OUT_OF_REACH', 'gates/chapters/01.json', 'fork']]);
    expect(lint(chapter(1, [lowerAna, { id: 'x', requires: [{ relationship: 'Ana', max: -1 }] }]))).toEqual([]);
    expect(lint(chapter(1, [lowerAna, { id: 'x', requires: [{ relationship: 'Ben', max: -1 }] }]))).toEqual([['warning', 'RELATIONSHIP_OUT_OF_REACH', 'gates/chapters/01.json', 'fork']]);
  });

  it('names undefined characters in effects and conditions', () => {
    expect(lint(chapter(1, [{ id: 'a', effects: { relationships: { Zed: 1 } } }, { id: 'x', requires: [{ relationship: 'Zed', min: 1 }] }]))).toEqual([
      ['error', 'UNDEFINED_CHARACTER', 'gates/chapters/01.json', 'fork'],
    ]);
  });

  it('rejects a non-integer delta or bound', () => {
    expect(lint(chapter(1, [{ id: 'a', effects: { relationships: { Ana: 0.5 } } }, { id: 'x', requires: [{ relationship: 'Ana', min: 0.5 }] }]))).toEqual([
      ['error', 'SCHEMA_VIOLATION', 'gates/chapters/01.json', 'fork'],
      ['error', 'SCHEMA_VIOLATION', 'gates/chapters/01.json', 'fork'],
    ]);
  });
});

describe('gated choices', () => {
  it('warns only when every option is gated; an empty requires does not gate', () => {
    const setter = { id: 's', flag: 'f' };
    const gated = (id: string): Option => ({ id, requires: [{ flag: 'f' }] });
    expect(lint(chapter(1, [setter, gated('x')]))).toEqual([]);
    expect(lint(chapter(1, [setter, gated('x')]), chapter(2, [gated('y'), { id: 'z', requires: [] }]))).toEqual([]);
    expect(lint(chapter(1, [setter, gated('x')]), chapter(2, [gated('y'), gated('z')]))).toEqual([['warning', 'ALL_OPTIONS_GATED', 'gates/chapters/02.json', 'fork']]);
  });
});
