import type { StorySummary } from '../../../api/index';
import { coverArt } from './cover-art';
import { h } from './dom';
import { genreLabel } from './genre-label';
import { routeHash } from './routes';

/** A library card: cover, genre, title (a link stretched over the whole card), chapter count. */
export function storyCard(story: StorySummary): HTMLElement {
  const chapters = `${story.chapterCount} ${story.chapterCount === 1 ? 'chapter' : 'chapters'}`;
  return h('article', { className: 'story-card' }, [
    coverArt(story.coverUrl, story.title, 'cover story-card-cover'),
    h('div', { className: 'story-card-body' }, [
      h('span', { className: 'pill pill-genre', text: genreLabel(story.genre) }),
      h('h3', { className: 'story-card-title' }, [h('a', { className: 'stretched-link', text: story.title, attrs: { href: routeHash({ name: 'story', storyId: story.id }) } })]),
      h('p', { className: 'story-card-meta', text: chapters }),
    ]),
  ]);
}

/** A "Continue reading" card: where the player stands, linking to the story page. */
export function continueCard(story: StorySummary, label: string, finished: boolean): HTMLElement {
  return h('article', { className: `continue-card${finished ? ' is-finished' : ''}` }, [
    coverArt(story.coverUrl, story.title, 'cover continue-card-cover'),
    h('div', { className: 'continue-card-body' }, [
      h('h3', { className: 'continue-card-title' }, [h('a', { className: 'stretched-link', text: story.title, attrs: { href: routeHash({ name: 'story', storyId: story.id }) } })]),
      h('p', { className: 'continue-card-state', text: label }),
    ]),
  ]);
}
