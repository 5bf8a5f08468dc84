import { describe, expect, it } from 'vitest';
import { STORY_ID_PATTERN } from '../../content-pipeline';
import { slugFromTitle, withSuffix } from './story-slug';

describe('story ids made from titles', () => {
  it('folds a title to a lowercase slug, accents and punctuation included', () => {
    expect(slugFromTitle('The Tide Clock')).toBe('the-tide-clock');
    expect(slugFromTitle('  Café Noir — Part II!  ')).toBe('cafe-noir-part-ii');
    expect(slugFromTitle('Ünïcödé & Co.')).toBe('unicode-co');
  });

  it('falls back to "story" when nothing usable is left', () => {
    expect(slugFromTitle('夜の時計')).toBe('story');
    expect(slugFromTitle('!!!')).toBe('story');
  });

  it('stays a valid story id with room for a suffix, however long the title', () => {
    const slug = slugFromTitle('a very long title '.repeat(20));
    expect(slug.length).toBeLessThanOrEqual(54);
    expect(slug.endsWith('-')).toBe(false);
    for (let i = 0; i < 50; i++) expect(withSuffix(slug)).toMatch(STORY_ID_PATTERN);
  });

  it('suffixes differ from one call to the next', () => {
    const suffixed = new Set(Array.from({ length: 20 }, () => withSuffix('tide')));
    expect(suffixed.size).toBeGreaterThan(15);
    for (const id of suffixed) expect(id).toMatch(/^tide-[a-z0-9]{4,5}$/);
  });
});
