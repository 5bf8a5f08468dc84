import { describe, expect, it } from 'vitest';
import { toGenreSlug } from './genre-slug';

describe('toGenreSlug', () => {
  it.each([
    ['mystery', 'mystery'],
    ['  Science Fiction ', 'science-fiction'],
    ['Slice_of_Life', 'slice-of-life'],
    ['!!!', undefined],
    ['x'.repeat(33), undefined],
  ])('%s → %s', (genre, slug) => {
    expect(toGenreSlug(genre)).toBe(slug);
  });
});
