import { randomBytes } from 'node:crypto';
import { STORY_ID_PATTERN } from '../../content-pipeline';

/** Story ids are at most 64 characters; a slug made from a title leaves room for a collision suffix. */
const MAX_TITLE_SLUG = 54;
/** For a title with no letter or digit left once folded to ASCII (a title in another script, or emoji). */
const FALLBACK_SLUG = 'story';

/**
 * The story id a title suggests: "Café Noir — Part I" → "cafe-noir-part-i". Always a valid story id
 * (STORY_ID_PATTERN), short enough to take a suffix.
 */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents split off by NFKD
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_TITLE_SLUG)
    .replace(/^-+|-+$/g, '');
  return STORY_ID_PATTERN.test(slug) ? slug : FALLBACK_SLUG;
}

/** `slug` with a short random suffix, for when a story already has that id: "the-tide-clock-k3x9". */
export function withSuffix(slug: string): string {
  const suffix = randomBytes(4).readUInt32BE(0).toString(36).slice(0, 5).padStart(4, '0');
  return `${slug}-${suffix}`;
}
