import { h } from '../shell/dom';

/** Suggestions only: a genre is free text (the catalog folds it to a slug). */
const GENRES = ['fantasy', 'mystery', 'romance', 'horror', 'science-fiction', 'adventure', 'drama', 'comedy', 'thriller', 'slice-of-life'];

let listCount = 0;

/** A <datalist> of common genres for a genre input (`list` attribute); the caller places it. */
export function genreChoices(): HTMLDataListElement {
  return h('datalist', { attrs: { id: `studio-genres-${++listCount}` } }, GENRES.map((genre) => h('option', { attrs: { value: genre } })));
}
