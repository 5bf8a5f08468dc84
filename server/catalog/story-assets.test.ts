import { describe, expect, it } from 'vitest';
import { assetContentType } from './asset-content-type';
import { StoryAssets } from './story-assets';

describe('StoryAssets', () => {
  const assets = new StoryAssets('/content/tale', ['assets/cover.svg', 'music/theme.ogg', '../escape.png']);

  it('resolves listed assets inside the folder', () => {
    expect(assets.resolve('assets/cover.svg')).toBe('/content/tale/assets/cover.svg');
    expect(assets.resolve('./music/theme.ogg')).toBe('/content/tale/music/theme.ogg');
  });

  it.each(['story.json', 'assets/../story.json', '../escape.png', '/etc/passwd', 'assets\\cover.svg', 'assets/cover.svg\0', ''])('refuses %j', (path) => {
    expect(assets.resolve(path)).toBeUndefined();
  });
});

describe('assetContentType', () => {
  it.each([
    ['a/b.svg', 'image/svg+xml'],
    ['b.PNG', 'image/png'],
    ['c.jpg', 'image/jpeg'],
    ['d.webp', 'image/webp'],
    ['e.mp3', 'audio/mpeg'],
    ['f.ogg', 'audio/ogg'],
    ['g.exe', 'application/octet-stream'],
  ])('%s → %s', (path, type) => {
    expect(assetContentType(path)).toBe(type);
  });
});
