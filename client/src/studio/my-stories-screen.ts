import { ApiFailure } from '../shell/api-failure';
import { button, h } from '../shell/dom';
import { focusableHeading, type Screen, type ShellContext } from '../shell/screen';
import { newStoryForm } from './new-story-form';
import type { StudioApi } from './studio-api';
import { studioFrame } from './studio-frame';
import { studioStorySummary } from './studio-story-summary';

/** The studio's home: my stories with each chapter's standing, and "New story". */
export function myStoriesScreen(context: ShellContext, api: StudioApi): Screen {
  context.setTitle('Studio');
  const heading = focusableHeading(h('h1', { className: 'library-title', text: 'Your studio' }));
  const list = h('ul', { className: 'studio-story-list', attrs: { 'aria-busy': 'true', 'aria-labelledby': 'my-stories-heading' } });
  const status = h('p', { className: 'library-status', attrs: { role: 'status' } });
  let destroyed = false;

  const form = newStoryForm(api, (story) => context.router.navigate({ name: 'studio-story', storyId: story.id }));
  const frame = studioFrame(context, 'stories', [
    heading,
    h('p', { className: 'muted studio-lede', text: 'Write a story, upload its chapters and art, preview them, and publish each chapter now or at the time you choose.' }),
    h('section', { className: 'library-section', attrs: { 'aria-labelledby': 'my-stories-heading' } }, [
      h('h2', { className: 'section-title', text: 'My stories', attrs: { id: 'my-stories-heading' } }),
      list,
      status,
    ]),
    h('section', { className: 'library-section studio-card' }, [form]),
  ]);

  async function load(): Promise<void> {
    status.textContent = '';
    try {
      const stories = await api.stories();
      if (destroyed) return;
      list.setAttribute('aria-busy', 'false');
      list.replaceChildren(...stories.map(studioStorySummary));
      if (stories.length === 0) status.textContent = 'You have no stories yet. Start your first one below.';
    } catch (error) {
      if (destroyed) return;
      list.setAttribute('aria-busy', 'false');
      status.replaceChildren(error instanceof ApiFailure ? error.message : 'Your stories could not be loaded.', ' ', button('Try again', () => void load(), 'btn btn-small btn-outline'));
    }
  }

  void load();
  return {
    element: frame.element,
    heading,
    destroy() {
      destroyed = true;
      frame.destroy();
    },
  };
}
