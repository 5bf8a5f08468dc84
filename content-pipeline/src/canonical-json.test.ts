import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 'x' }] })).toBe('{"a":[1,{"c":"x","d":2}],"b":1}');
  });

  it('does not depend on the order keys were written in', () => {
    const one = { scenes: { intro: { text: 'hi', end: true }, outro: {} }, id: 'c1' };
    const other = { id: 'c1', scenes: { outro: {}, intro: { end: true, text: 'hi' } } };
    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });

  it('keeps array order, since order is meaning there', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('follows JSON.stringify for undefined, toJSON and escapes', () => {
    expect(canonicalJson({ gone: undefined, kept: null, list: [undefined] })).toBe('{"kept":null,"list":[null]}');
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson({ 'quote"d': 'line\nbreak' })).toBe('{"quote\\"d":"line\\nbreak"}');
  });

  it('refuses a value with no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('sha256Hex', () => {
  // Expected values computed with node:crypto (`node -e`), not by this module.
  it('matches known digests', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the canonical form as UTF-8', () => {
    expect(sha256Hex(canonicalJson({ b: 1, a: [1, { d: 2, c: 'x' }] }))).toBe('7ace72b1ed17eda5ae4b706ecc7b424e9fc38c0352344fc9dc384ced8d38019c');
    expect(sha256Hex(canonicalJson({ 'é': '☃' }))).toBe('7bc2b13bb33f1b0f1dd88977f3f599f72bd26bb2bc28aa81abf7fbf6b90e69ae');
  });
});
