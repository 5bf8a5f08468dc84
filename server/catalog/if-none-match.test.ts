import { describe, expect, it } from 'vitest';
import { ifNoneMatchHits } from './if-none-match';

describe('ifNoneMatchHits', () => {
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abd"', false],
    ['abc', false],
    [undefined, false],
  ])('%s → %s', (header, hit) => {
    expect(ifNoneMatchHits(header, '"abc"')).toBe(hit);
  });
});
