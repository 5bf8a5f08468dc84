import { describe, expect, it } from 'vitest';
import { chapterSourceSchema, storyManifestSchema } from './bundle-schema';
import { buildChapterBundle } from './chapter-bundle';

describe('buildChapterBundle', () => {
  const manifest = storyManifestSchema.parse({
    id: 's',
    title: 'S',
    description: '',
    genre: 'drama',
    characters: { Talker: {}, Shown: {}, Hidden: {}, Liked: {}, Required: { color: '#000000' }, Unused: {} },
  });

  it('carries every character the chapter names, and only those', () => {
    const source = chapterSourceSchema.parse({
      _id: 's-ch1',
      storyId: 's',
      chapterNumber: 1,
      scenes: {
        a: {
          timeline: [
            { type: 'narration', text: 'Once.' },
            { type: 'dialogue', character: 'Talker', text: 'Hi.' },
            { type: 'show', character: 'Shown', position: 'center' },
            { type: 'hide', character: 'Hidden' },
          ],
          choice: {
            prompt: '?',
            options: [
              { id: 'x', text: 'X', nextSceneId: 'b', effects: { relationships: { Liked: 1 } } },
              { id: 'y', text: 'Y', nextSceneId: 'b', requires: [{ relationship: 'Required', max: 3 }] },
            ],
          },
        },
        b: { end: true },
      },
    });
    const bundle = buildChapterBundle(source, manifest);
    expect(Object.keys(bundle.characters).sort()).toEqual(['Hidden', 'Liked', 'Required', 'Shown', 'Talker']);
    expect(bundle.characters.Required).toEqual({ color: '#000000' });
  });
});
