import { describe, expect, it } from 'vitest';
import type { AnyChapterBundle } from '../../../content-pipeline';
import { chapterText } from './chapter-text';

const bundle = {
  storyId: 's',
  chapterId: 'c',
  startSceneId: 'b-start',
  characters: { mara: { displayName: 'Mara Quill' }, jun: {} },
  scenes: {
    'a-later': { timeline: [{ id: 'a-later.0', type: 'narration', text: 'The end.' }] },
    'b-start': {
      timeline: [
        { id: 'b-start.0', type: 'show', character: 'mara' },
        { id: 'door', type: 'dialogue', character: 'mara', text: 'Open it.' },
        { id: 'b-start.2', type: 'dialogue', character: 'jun', text: 'No.' },
      ],
      nextSceneId: 'a-later',
    },
  },
} as unknown as AnyChapterBundle;

describe('chapterText', () => {
  it("gives the reading room's order from the start scene, speakers by display name, and no stage directions", () => {
    expect(chapterText(bundle)).toEqual([
      { id: 'door', speaker: 'Mara Quill', text: 'Open it.' },
      { id: 'b-start.2', speaker: 'jun', text: 'No.' },
      { id: 'a-later.0', speaker: null, text: 'The end.' },
    ]);
  });

  it('has nothing to show for an Ink chapter', () => {
    expect(chapterText({ format: 'ink', storyId: 's', chapterId: 'c' } as unknown as AnyChapterBundle)).toBeNull();
  });
});
