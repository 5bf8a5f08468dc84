import { describe, expect, it } from 'vitest';
import { buildChapterBundle } from '../chapter-bundle';
import { chapterSourceSchema, storyManifestSchema } from '../bundle-schema';
import { lintStory } from '../lint';

const manifest = { id: 'tiny', title: 'Tiny', description: 'A tiny story.', genre: 'drama', flags: { found_key: 'Found the brass key' } };
const chapter = {
  _id: 'tiny-ch1',
  storyId: 'tiny',
  chapterNumber: 1,
  scenes: {
    start: {
      timeline: [],
      choice: {
        prompt: 'Well?',
        options: [
          { id: 'look', text: 'Look around.', nextSceneId: 'door', flag: 'found_key' },
          { id: 'leave', text: 'Leave.', nextSceneId: 'door' },
        ],
      },
    },
    door: {
      timeline: [],
      choice: {
        prompt: 'The door.',
        options: [
          { id: 'open', text: 'Open it.', nextSceneId: 'end', requires: [{ flag: 'found_key' }], lockedText: 'If you had the key' },
          { id: 'knock', text: 'Knock.', nextSceneId: 'end' },
        ],
      },
    },
    end: { timeline: [], end: true },
  },
};

const lint = (m: object, c: object) => lintStory({ manifestFile: 'tiny/story.json', manifest: m, chapters: [{ file: 'tiny/chapters/01.json', doc: c }], assetExists: () => true });

describe('lock and flag labels', () => {
  it('accepts a lockedText on a gated option and a label for a flag the story sets', () => {
    expect(lint(manifest, chapter)).toEqual([]);
  });

  it('refuses an empty lockedText or flag label', () => {
    const emptyText = structuredClone(chapter);
    emptyText.scenes.door.choice.options[0]!.lockedText = '';
    expect(lint(manifest, emptyText).map((p) => p.severity)).toContain('error');
    expect(lint({ ...manifest, flags: { found_key: '' } }, chapter).map((p) => p.severity)).toContain('error');
  });

  it('warns about a lockedText that can never show and a label for a flag nobody sets', () => {
    const ungated = structuredClone(chapter);
    (ungated.scenes.door.choice.options[1] as Record<string, unknown>)['lockedText'] = 'Never';
    expect(lint(manifest, ungated).map((p) => [p.code, p.sceneId])).toEqual([['LOCKED_TEXT_UNUSED', 'door']]);
    const problems = lint({ ...manifest, flags: { found_key: 'Found the key', fund_key: 'Typo' } }, chapter);
    expect(problems.map((p) => [p.code, p.severity, p.file])).toEqual([['UNKNOWN_FLAG_LABEL', 'warning', 'tiny/story.json']]);
    expect(problems[0]!.message).toContain('fund_key');
  });

  it('puts the labels of the flags a chapter sets into its bundle, and nothing when none is labeled', () => {
    const source = chapterSourceSchema.parse(chapter);
    expect(buildChapterBundle(source, storyManifestSchema.parse(manifest)).flagLabels).toEqual({ found_key: 'Found the brass key' });
    expect(buildChapterBundle(source, storyManifestSchema.parse({ ...manifest, flags: undefined }))).not.toHaveProperty('flagLabels');
  });
});
