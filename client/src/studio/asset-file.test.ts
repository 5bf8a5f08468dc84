import { describe, expect, it } from 'vitest';
import { assetContentType, assetPathProblem, assetRefusal, defaultAssetPath, formatBytes } from './asset-file';

describe('the path an asset is proposed under', () => {
  it('is assets/<file name>', () => {
    expect(defaultAssetPath('cover.png')).toBe('assets/cover.png');
  });

  it('replaces characters a path may not hold, and never starts with a dot', () => {
    expect(defaultAssetPath('My Harbour (night).webp')).toBe('assets/My-Harbour-night-.webp');
    expect(defaultAssetPath('..\\..\\evil.png')).toBe('assets/evil.png');
    expect(defaultAssetPath('.hidden.png')).toBe('assets/hidden.png');
    expect(defaultAssetPath('???')).toBe('assets/file');
  });
});

describe('paths the browser would rewrite before sending', () => {
  it('are refused before the upload, with the reason', () => {
    expect(assetPathProblem('assets/../x.png')).toMatch(/stay inside the story/);
    expect(assetPathProblem('./x.png')).toMatch(/stay inside the story/);
    expect(assetPathProblem('assets/%2E%2e/x.png')).toMatch(/stay inside the story/);
    expect(assetPathProblem('/assets/x.png')).toMatch(/leading "\/"/);
    expect(assetPathProblem('assets//x.png')).toMatch(/empty part/);
    expect(assetPathProblem('assets/')).toMatch(/empty part/);
  });

  it('leave every other path to the server', () => {
    expect(assetPathProblem('assets/cover.png')).toBeNull();
    expect(assetPathProblem('art/..hidden/x.png')).toBeNull();
    expect(assetPathProblem('assets/harbour cover.png')).toBeNull();
  });
});

describe('the type an asset is sent as', () => {
  it('is the browser’s when it has one', () => {
    expect(assetContentType('x.bin', 'image/gif')).toBe('image/gif');
  });

  it('comes from the extension otherwise', () => {
    expect(assetContentType('theme.OGG', '')).toBe('audio/ogg');
    expect(assetContentType('art.jpg', '')).toBe('image/jpeg');
    expect(assetContentType('notes.txt', '')).toBe('application/octet-stream');
  });
});

describe('sizes and refusals in words', () => {
  it('formats sizes', () => {
    expect(formatBytes(820)).toBe('820 B');
    expect(formatBytes(12_700)).toBe('12.4 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('says what to change for each refusal', () => {
    expect(assetRefusal(413, 'over 5 MiB')).toBe('Too large: over 5 MiB');
    expect(assetRefusal(415, 'image/gif is not accepted')).toMatch(/^Not a type the studio takes .*: image\/gif is not accepted$/);
    expect(assetRefusal(400, 'bad path')).toBe('That path cannot be used: bad path');
    expect(assetRefusal(403, 'Not your story')).toBe('Not your story');
  });
});
