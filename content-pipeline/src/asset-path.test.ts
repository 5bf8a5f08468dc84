import { describe, expect, it } from 'vitest';
import { checkAssetPath } from './asset-path';

describe('checkAssetPath', () => {
  it.each([
    ['assets/bg.svg', 'assets/bg.svg'],
    ['./assets/bg.svg', 'assets/bg.svg'],
    ['assets//music/theme.ogg', 'assets/music/theme.ogg'],
  ])('accepts %s as %s', (raw, normalized) => {
    expect(checkAssetPath(raw)).toEqual({ ok: true, path: normalized });
  });

  it.each([
    ['../other-story/cover.svg', /\.\./],
    ['assets/../../secret.txt', /\.\./],
    ['assets/../bg.svg', /\.\./], // harmless here, but refused: one simple rule is easier to trust
    ['/etc/passwd', /absolute/],
    ['C:/art/bg.svg', /absolute/],
    ['assets\\bg.svg', /forward slashes/],
    ['https://example.com/bg.png', /URL/],
    ['data:image/png;base64,AAAA', /URL/],
    ['assets/', /folder/],
    ['.', /folder/],
  ])('refuses %s', (raw, reason) => {
    const verdict = checkAssetPath(raw);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });
});
