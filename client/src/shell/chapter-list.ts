import type { StoryDetail, StoryProgress } from '../../../api/index';
import { button, h } from './dom';
import { icon, type IconName } from './icons';
import { chapterStates, sortedChapters, type ChapterState } from './reading-state';
import type { Route } from './routes';

const BADGE: Record<ChapterState, { text: string; icon: IconName }> = {
  finished: { text: 'Finished', icon: 'check' },
  reading: { text: 'In progress', icon: 'book' },
  open: { text: 'Ready', icon: 'play' },
  locked: { text: 'Locked', icon: 'lock' },
};

/** The story's chapters with their state; finished ones can be replayed. */
export function chapterList(story: StoryDetail, progress: StoryProgress | null, go: (route: Route) => void): HTMLElement {
  const states = chapterStates(story, progress);
  const chapters = sortedChapters(story);
  return h(
    'ol',
    { className: 'chapter-list' },
    chapters.map((chapter, index) => {
      const state = states.get(chapter.id) ?? 'locked';
      const previous = chapters[index - 1];
      const note = state === 'locked' && previous ? `Finish Chapter ${previous.number} to unlock` : state === 'open' && progress?.chapterId !== chapter.id ? 'Opening a new chapter uses a key' : '';
      const replay =
        state === 'finished'
          ? button([icon('replay', 'icon icon-small'), ' Replay'], () => go({ name: 'play', storyId: story.id, chapterId: chapter.id }), 'btn btn-small btn-outline', { 'aria-label': `Replay Chapter ${chapter.number}: ${chapter.title}` })
          : null;
      // A chapter the reader has opened can be read together with its other readers.
      const together =
        state === 'finished' || state === 'reading'
          ? button([icon('book', 'icon icon-small'), ' Read together'], () => go({ name: 'read', storyId: story.id, chapterId: chapter.id }), 'btn btn-small btn-outline', { 'aria-label': `Read Chapter ${chapter.number} together: ${chapter.title}` })
          : null;
      const action = replay || together ? h('div', { className: 'chapter-actions' }, [replay, together]) : null;
      return h('li', { className: `chapter chapter-${state}` }, [
        h('span', { className: 'chapter-number', text: String(chapter.number), attrs: { 'aria-hidden': 'true' } }),
        h('div', { className: 'chapter-text' }, [
          h('h3', { className: 'chapter-title' }, [h('span', { className: 'visually-hidden', text: `Chapter ${chapter.number}: ` }), chapter.title]),
          h('p', { className: 'chapter-state' }, [icon(BADGE[state].icon, 'icon icon-small'), ` ${BADGE[state].text}`, note ? h('span', { className: 'chapter-note', text: ` · ${note}` }) : null]),
        ]),
        action,
      ]);
    }),
  );
}
