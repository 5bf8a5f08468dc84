import type { StorySummary } from '../../../api/index';
import { coverArt } from './cover-art';
import { h } from './dom';
import { genreLabel } from './genre-label';
import { icon } from './icons';
import { routeHash } from './routes';

/** The library's banner: the most-read story, its title a link stretched over the whole banner. */
export function featuredStory(story: StorySummary): HTMLElement {
  return h('section', { className: 'featured', attrs: { 'aria-labelledby': 'featured-heading' } }, [
    coverArt(story.coverUrl, story.title, 'cover featured-cover'),
    h('div', { className: 'featured-body' }, [
      h('p', { className: 'eyebrow', text: `Most read · ${genreLabel(story.genre)}` }),
      h('h2', { className: 'featured-title', attrs: { id: 'featured-heading' } }, [h('a', { className: 'stretched-link', text: story.title, attrs: { href: routeHash({ name: 'story', storyId: story.id }) } })]),
      h('p', { className: 'featured-text', text: story.description }),
      h('span', { className: 'featured-cta', attrs: { 'aria-hidden': 'true' } }, ['Open story ', icon('play', 'icon icon-small')]),
    ]),
  ]);
}
