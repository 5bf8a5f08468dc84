import { ApiFailure } from './api-failure';
import type { StoryDetail, StoryProgress } from '../../../api/index';
import { backLink } from './back-link';
import { chapterList } from './chapter-list';
import { coverArt } from './cover-art';
import { append, button, clear, h } from './dom';
import { genreLabel } from './genre-label';
import { icon } from './icons';
import { readingState } from './reading-state';
import type { Route } from './routes';
import { focusableHeading, type Screen, type ShellContext } from './screen';

/** Cover, description, chapters with their state, and the one primary action: start or continue. */
export function storyScreen(context: ShellContext, storyId: string): Screen {
  const heading = focusableHeading(h('h1', { className: 'story-title', text: 'Loading story…' }));
  const body = h('div', { className: 'story-body', attrs: { 'aria-busy': 'true' } });
  const hero = h('div', { className: 'story-hero' });
  let destroyed = false;

  const element = h('div', { className: 'screen story-screen' }, [
    h('header', { className: 'app-header app-header-plain' }, [backLink('#/', 'Library')]),
    h('main', { className: 'story-main' }, [hero, h('div', { className: 'story-info' }, [heading, body])]),
  ]);

  async function load(): Promise<void> {
    try {
      const [story, progress] = await Promise.all([context.api.story(storyId), context.api.progress(storyId)]);
      if (!destroyed) render(story, progress);
    } catch (error) {
      if (destroyed) return;
      const missing = error instanceof ApiFailure && error.status === 404;
      heading.textContent = missing ? 'Story not found' : 'This story could not be loaded';
      context.setTitle(heading.textContent);
      body.setAttribute('aria-busy', 'false');
      body.replaceChildren(
        h('p', { className: 'muted', text: missing ? 'It may have been taken down, or the link is wrong.' : error instanceof ApiFailure ? error.message : 'Please try again.' }),
        missing ? h('a', { className: 'btn btn-primary', text: 'Back to library', attrs: { href: '#/' } }) : button('Try again', () => void load(), 'btn btn-primary'),
      );
    }
  }

  function render(story: StoryDetail, progress: StoryProgress | null): void {
    context.setTitle(story.title);
    heading.textContent = story.title;
    hero.replaceChildren(coverArt(story.coverUrl, story.title, 'cover story-hero-backdrop'), coverArt(story.coverUrl, story.title, 'cover story-hero-cover'));
    const primary = primaryAction(story, progress);
    body.setAttribute('aria-busy', 'false');
    clear(body);
    append(body, [
      h('p', { className: 'story-meta' }, [
        h('span', { className: 'pill pill-genre', text: genreLabel(story.genre) }),
        h('span', { text: `${story.chapters.length} ${story.chapters.length === 1 ? 'chapter' : 'chapters'}` }),
      ]),
      primary.status ? h('p', { className: 'story-progress', text: primary.status }) : null,
      button([icon('play', 'icon'), ` ${primary.label}`], () => context.router.navigate(primary.route), 'btn btn-primary btn-large story-cta'),
      h('p', { className: 'story-description', text: story.description }),
      h('section', { className: 'story-chapters', attrs: { 'aria-labelledby': 'chapters-heading' } }, [
        h('h2', { className: 'section-title', text: 'Chapters', attrs: { id: 'chapters-heading' } }),
        chapterList(story, progress, (route) => context.router.navigate(route)),
      ]),
    ]);
  }

  void load();
  return {
    element,
    heading,
    destroy() {
      destroyed = true;
    },
  };
}

/** "Start reading", "Continue · Chapter 2", or "Read again" — and where it goes. */
function primaryAction(story: StoryDetail, progress: StoryProgress | null): { label: string; status: string; route: Route } {
  const state = readingState(story, progress);
  const play = (chapterId?: string): Route => (chapterId ? { name: 'play', storyId: story.id, chapterId } : { name: 'play', storyId: story.id });
  switch (state.kind) {
    case 'new':
      return { label: 'Start reading', status: '', route: play() };
    case 'reading':
      return { label: `Continue · Chapter ${state.chapter.number}`, status: `You're reading Chapter ${state.chapter.number}: ${state.chapter.title}`, route: play() };
    case 'next':
      return { label: `Continue · Chapter ${state.chapter.number}`, status: `Up next: Chapter ${state.chapter.number}, ${state.chapter.title}`, route: play(state.chapter.id) };
    case 'finished':
      return { label: 'Read again from Chapter 1', status: 'You finished this story.', route: play(state.first?.id) };
  }
}
