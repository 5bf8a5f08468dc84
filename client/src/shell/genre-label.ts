/** "slice-of-life" → "Slice of life": genres are slugs in the catalog. */
export function genreLabel(genre: string): string {
  const words = genre.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
