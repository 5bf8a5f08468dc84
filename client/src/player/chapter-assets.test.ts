import { describe, expect, it } from 'vitest';
import type { ChapterBundle, InkChapterBundle } from '../../../content-pipeline';
import { listChapterAssets } from './chapter-assets';

describe('listChapterAssets', () => {
  it('lists a scene chapter’s backgrounds, music and sprites', () => {
    const bundle: ChapterBundle = {
      format: 1, id: 'c', storyId: 's', number: 1, title: 'C', startSceneId: 'a',
      characters: { Mara: { sprites: { calm: 'assets/mara.png' } } },
      scenes: { a: { background: 'assets/dock.png', music: 'assets/sea.ogg', timeline: [] } },
    };
    expect(listChapterAssets(bundle)).toEqual({ images: ['assets/dock.png', 'assets/mara.png'], music: ['assets/sea.ogg'] });
  });

  it('lists an ink chapter’s tagged art (sound files as music) and its characters’ sprites', () => {
    const bundle: InkChapterBundle = {
      format: 'ink', id: 'c', storyId: 's', number: 1, title: 'C', startKnot: null, chapterKnots: [], ink: {},
      characters: { Wren: { sprites: { worried: 'assets/wren.png' } } },
      assets: ['assets/bay.svg', 'assets/waves.OGG', 'assets/bell.mp3'],
    };
    expect(listChapterAssets(bundle)).toEqual({ images: ['assets/bay.svg', 'assets/wren.png'], music: ['assets/waves.OGG', 'assets/bell.mp3'] });
  });
});
