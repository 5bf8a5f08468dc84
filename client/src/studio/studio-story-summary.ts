import type { StudioStory } from '../../../api/index';
import { h } from '../shell/dom';
import { genreLabel } from '../shell/genre-label';
import { routeHash } from '../shell/routes';
import { byNumber, chapterStatus } from './chapter-status';

/** One of my stories in the list: listed or not, and each chapter's standing. */
export function studioStorySummary(story: StudioStory): HTMLElement {
  const chapters = byNumber(story.chapters);
  return h('li', { className: 'studio-card studio-story' }, [
    h('h3', { className: 'studio-story-title' }, [h('a', { attrs: { href: routeHash({ name: 'studio-story', storyId: story.id }) }, text: story.title })]),
    h('p', { className: 'story-meta' }, [
      listedPill(story.listed),
      h('span', { className: 'pill pill-genre', text: genreLabel(story.genre) }),
      h('span', { className: 'muted', text: `${chapters.length} ${chapters.length === 1 ? 'chapter' : 'chapters'}` }),
    ]),
    chapters.length === 0
      ? h('p', { className: 'muted', text: 'No chapters yet: open the story to upload the first.' })
      : h('ul', { className: 'studio-chapter-lines' }, chapters.map((chapter) =>
          h('li', { className: `studio-chapter-line state-${chapter.state}` }, [
            h('span', { className: 'studio-chapter-name', text: `Chapter ${chapter.number} · ${chapter.title}` }),
            h('span', { className: 'studio-chapter-state', text: chapterStatus(chapter) }),
          ]),
        )),
  ]);
}

/** Whether readers can find the story (a chapter has been released). */
export function listedPill(listed: boolean): HTMLElement {
  return h('span', { className: `pill ${listed ? 'pill-listed' : 'pill-unlisted'}`, text: listed ? 'Listed' : 'Not listed yet' });
}
