/** Genres are URL filter values (`?genre=mystery`), so they are kept as lowercase slugs. */
export const GENRE_SLUG = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * "Science Fiction" and "science-fiction" must filter alike, so a manifest's genre is folded to a
 * slug before it is stored. Returns undefined when nothing usable is left (or it is too long).
 */
export function toGenreSlug(genre: string): string | undefined {
  const slug = genre
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return GENRE_SLUG.test(slug) ? slug : undefined;
}
