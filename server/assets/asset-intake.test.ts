import { describe, expect, it } from 'vitest';
import { tinyJpeg, tinyMp3, tinyOgg, tinyPng, tinyWebp } from '../../testing/media-samples';
import { statusForDomainCode } from '../http/domain-status';
import { DomainError } from '../shared/domain-error';
import { acceptAsset, type AssetUpload } from './asset-intake';
import { sha256Hex } from './content-hash';

const MAX = 64 * 1024;
const png = tinyPng();

/** The refusal acceptAsset throws (the test fails if it accepts). */
function refusal(upload: Partial<AssetUpload>): DomainError {
  try {
    acceptAsset({ path: 'art/cover.png', contentType: 'image/png', bytes: png, maxBytes: MAX, ...upload });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(upload.path)}`);
}

describe('acceptAsset', () => {
  it.each([
    ['image/png', 'art/cover.png', tinyPng()],
    ['image/jpeg', 'art/photo.jpg', tinyJpeg()],
    ['image/jpeg', 'art/photo.JPEG', tinyJpeg()],
    ['image/webp', 'bg/night_sky-2.webp', tinyWebp()],
    ['audio/mpeg', 'music/theme.mp3', tinyMp3()],
    ['audio/mpeg', 'music/tagged.mp3', tinyMp3({ id3: true })],
    ['audio/ogg', 'music/rain.ogg', tinyOgg()],
    ['audio/ogg', 'music/rain.oga', tinyOgg()],
  ])('accepts a real %s file at %s, naming it by its SHA-256', (contentType, path, bytes) => {
    expect(acceptAsset({ path, contentType, bytes, maxBytes: MAX })).toEqual({ path, sha256: sha256Hex(bytes), contentType, size: bytes.length });
  });

  it('reads the media type from a Content-Type header with parameters and in any case', () => {
    expect(acceptAsset({ path: 'a.png', contentType: 'Image/PNG; charset=binary', bytes: png, maxBytes: MAX }).contentType).toBe('image/png');
  });

  it.each([
    ['../x.png', /\.\. segments/],
    ['a/../../x.png', /\.\. segments/],
    ['a/./x.png', /\. or \.\. segments/],
    ['..', /\.\. segments/],
    ['%2e%2e/x.png', /letters, digits/],
    ['a/%2e%2e/x.png', /letters, digits/],
    ['/abs.png', /relative/],
    ['//host/x.png', /relative/],
    ['a\\b.png', /letters, digits/],
    ['..\\x.png', /letters, digits/],
    ['a\0.png', /letters, digits/],
    ['a.png\0.exe', /letters, digits/],
    ['my cover.png', /letters, digits/],
    ['a//b.png', /not empty/],
    ['art/', /not empty/],
    ['.hidden.png', /not starting with '\.'/],
    ['art/.png', /not starting with '\.'/],
    ['C:x.png', /letters, digits/],
    ['ar\u0074/caf\u00e9.png', /letters, digits/],
    ['a\nb.png', /letters, digits/],
    ['', /empty/],
    [`${'a/'.repeat(98)}abc.png`, /longer than 200/],
  ])('refuses the path %j with 400 INVALID_ASSET_PATH', (path, why) => {
    const error = refusal({ path });
    expect(error.code).toBe('INVALID_ASSET_PATH');
    expect(statusForDomainCode(error.code)).toBe(400);
    expect(error.message).toMatch(why);
  });

  it('takes a path of exactly 200 characters', () => {
    const path = `${'a'.repeat(196)}.png`;
    expect(acceptAsset({ path, contentType: 'image/png', bytes: png, maxBytes: MAX }).path).toBe(path);
  });

  it.each([
    ['a PNG named .jpg', 'art/cover.jpg', 'image/png', /must end in \.png/],
    ['a JPEG named .png', 'art/photo.png', 'image/jpeg', /must end in \.jpg or \.jpeg/],
    ['no extension', 'art/cover', 'image/png', /must end in \.png/],
    ['an extension only inside the name', 'art/cover.png.exe', 'image/png', /must end in \.png/],
  ])('refuses %s with 400 INVALID_ASSET_PATH', (_what, path, contentType, why) => {
    const error = refusal({ path, contentType });
    expect(error.code).toBe('INVALID_ASSET_PATH');
    expect(error.message).toMatch(why);
  });

  it.each([
    ['image/gif'],
    ['text/html'],
    ['application/octet-stream'],
    ['application/x-msdownload'],
    ['image/pngx'],
    ['audio/mp3'],
    [''],
  ])('refuses the type %j with 415 UNSUPPORTED_MEDIA_TYPE, listing the accepted ones', (contentType) => {
    const error = refusal({ contentType });
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(statusForDomainCode(error.code)).toBe(415);
    expect(error.details.accepted).toEqual(['image/png', 'image/jpeg', 'image/webp', 'audio/mpeg', 'audio/ogg']);
  });

  it('refuses an upload with no Content-Type at all', () => {
    expect(refusal({ contentType: undefined }).message).toMatch(/no Content-Type/);
  });

  it('refuses SVG with 415, saying to upload PNG or WebP instead', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const error = refusal({ path: 'art/cover.svg', contentType: 'image/svg+xml', bytes: svg });
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(/SVG is not accepted.*PNG or WebP/);
  });

  it.each([
    ['a PNG labelled JPEG', 'art/x.jpg', 'image/jpeg', tinyPng()],
    ['a JPEG labelled PNG', 'art/x.png', 'image/png', tinyJpeg()],
    ['a Windows executable labelled PNG', 'art/x.png', 'image/png', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')])],
    ['an HTML page labelled PNG', 'art/x.png', 'image/png', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a PNG cut to its first bytes', 'art/x.png', 'image/png', tinyPng().subarray(0, 4)],
    ['a WAV labelled WebP (RIFF but not WEBP)', 'art/x.webp', 'image/webp', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')])],
    ['a JPEG labelled MP3 (FF D8 is no MPEG frame)', 'a/x.mp3', 'audio/mpeg', tinyJpeg()],
    ['AAC (ADTS, layer 00) labelled MP3', 'a/x.mp3', 'audio/mpeg', Buffer.from([0xff, 0xf1, 0x50, 0x80, 0, 0x1f, 0xfc])],
    ['an MP3 labelled Ogg', 'a/x.ogg', 'audio/ogg', tinyMp3()],
    ['a PNG labelled Ogg', 'a/x.ogg', 'audio/ogg', tinyPng()],
  ])('refuses %s with 415 (the bytes decide, not the label)', (_what, path, contentType, bytes) => {
    const error = refusal({ path, contentType, bytes });
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(/not a .* file/);
  });

  it('refuses a file over the limit with 413 ASSET_TOO_LARGE naming the limit, and takes one at it', () => {
    const big = Buffer.concat([png, Buffer.alloc(MAX - png.length + 1)]);
    const error = refusal({ bytes: big });
    expect(error.code).toBe('ASSET_TOO_LARGE');
    expect(statusForDomainCode(error.code)).toBe(413);
    expect(error.details).toEqual({ maxBytes: MAX });
    expect(acceptAsset({ path: 'a.png', contentType: 'image/png', bytes: big.subarray(0, MAX), maxBytes: MAX }).size).toBe(MAX);
  });

  it('refuses an empty upload with 400 EMPTY_ASSET', () => {
    const error = refusal({ bytes: Buffer.alloc(0) });
    expect(error.code).toBe('EMPTY_ASSET');
    expect(statusForDomainCode(error.code)).toBe(400);
  });
});
