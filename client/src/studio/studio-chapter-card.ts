import type { StudioChapter } from '../../../api/index';
import { button, h } from '../shell/dom';
import { icon } from '../shell/icons';
import { focusableHeading } from '../shell/screen';
import { chapterStatus } from './chapter-status';
import { formField } from './form-field';
import { problemList } from './problem-list';
import { hasErrors } from './problems-by-scene';
import { formatLocalTime, isoToLocalInput, localInputToIso, scheduleProblem } from './schedule-time';

/** What a chapter card can ask the story screen to do. */
export interface ChapterActions {
  preview(chapter: StudioChapter): void;
  /** Publishes now (`releaseAt` absent) or at `releaseAt`; resolves once the story is read again. */
  publish(chapter: StudioChapter, releaseAt?: string): Promise<void>;
  downloadCertificate(chapter: StudioChapter, version: StudioChapter['versions'][number]): Promise<void>;
}

/** The heading id of a chapter's card, so the screen can bring focus back to it after a change. */
export function chapterHeadingId(chapterId: string): string {
  return `studio-chapter-${chapterId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * One chapter as its writer works on it: its standing, the draft's problems by scene, Preview,
 * Publish now, Schedule (a local date and time, sent as ISO UTC), and every version with its certificate.
 */
export function studioChapterCard(chapter: StudioChapter, actions: ChapterActions, now: Date): HTMLElement {
  const name = `Chapter ${chapter.number}: ${chapter.title}`;
  const blocked = hasErrors(chapter.problems);
  const heading = focusableHeading(h('h3', { className: 'studio-chapter-title', attrs: { id: chapterHeadingId(chapter.id) } }, [
    h('span', { className: 'chapter-number', text: String(chapter.number), attrs: { 'aria-hidden': 'true' } }),
    h('span', { className: 'visually-hidden', text: `Chapter ${chapter.number}: ` }),
    chapter.title,
  ]));

  const publishNow = button('Publish now', () => void run(publishNow, 'Publishing…', () => actions.publish(chapter)), 'btn btn-outline', { 'aria-label': `Publish now ${name}`, disabled: blocked });
  const preview = button([icon('play', 'icon icon-small'), ' Preview'], () => actions.preview(chapter), 'btn btn-outline', { 'aria-label': `Preview ${name}`, disabled: blocked });

  const when = formField('Release at (your local time)', h('input', { attrs: { type: 'datetime-local', step: 1, min: isoToLocalInput(now.toISOString()) } }));
  const schedule = h('button', { className: 'btn btn-primary', text: 'Schedule', attrs: { type: 'submit', 'aria-label': `Schedule ${name}`, disabled: blocked } });
  const scheduleForm = h('form', { className: 'studio-schedule', attrs: { novalidate: true } }, [when.wrapper, schedule]);
  scheduleForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = scheduleProblem(when.control.value, new Date());
    when.setProblem(problem ?? '');
    if (problem) return when.control.focus();
    void run(schedule, 'Scheduling…', () => actions.publish(chapter, localInputToIso(when.control.value)!));
  });

  return h('li', { className: `studio-card studio-chapter state-${chapter.state}` }, [
    heading,
    h('p', { className: 'studio-chapter-state', text: chapterStatus(chapter) }),
    chapter.problems.length > 0 ? problemDetails(chapter, blocked) : null,
    h('div', { className: 'studio-actions' }, [preview, publishNow]),
    scheduleForm,
    chapter.versions.length > 0 ? versionList(chapter, actions, now) : null,
  ]);
}

/** The draft's problems, folded: the upload just announced them, and they stay one click away. */
function problemDetails(chapter: StudioChapter, blocked: boolean): HTMLElement {
  const count = `${chapter.problems.length} ${chapter.problems.length === 1 ? 'problem' : 'problems'}`;
  return h('details', { className: 'studio-chapter-problems' }, [
    h('summary', { className: blocked ? 'upload-refused' : 'muted', text: blocked ? `The draft has ${count} to fix before it can be previewed or published` : `The linter found ${count} that do not stop publishing` }),
    problemList(chapter.problems),
  ]);
}

function versionList(chapter: StudioChapter, actions: ChapterActions, now: Date): HTMLElement {
  return h('section', { className: 'studio-versions' }, [
    h('h4', { className: 'studio-versions-title', text: 'Versions' }),
    h('ul', { className: 'studio-version-list' }, chapter.versions.map((version) => {
      const future = Date.parse(version.releaseAt) > now.getTime();
      const download = button('Download certificate', () => void run(download, 'Preparing…', () => actions.downloadCertificate(chapter, version)), 'btn btn-small btn-ghost', {
        'aria-label': `Download certificate of version ${version.version} of Chapter ${chapter.number}`,
      });
      return h('li', { className: 'studio-version' }, [
        h('span', { className: 'studio-version-name', text: `Version ${version.version}` }),
        h('span', { className: 'muted', text: `${future ? 'releases' : 'released'} ${formatLocalTime(version.releaseAt)}` }),
        h('code', { className: 'studio-version-hash', text: version.sha256.slice(0, 12), attrs: { title: `SHA-256 ${version.sha256}` } }),
        download,
      ]);
    })),
  ]);
}

/** Runs an action with its button busy (no double submit); the caller reports the outcome. */
async function run(target: HTMLButtonElement, busyLabel: string, action: () => Promise<void>): Promise<void> {
  if (target.disabled) return;
  const label = Array.from(target.childNodes);
  target.disabled = true;
  target.textContent = busyLabel;
  try {
    await action();
  } finally {
    target.disabled = false;
    target.replaceChildren(...label);
  }
}
