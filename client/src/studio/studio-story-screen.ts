import type { StudioChapter, StudioStory } from '../../../api/index';
import { ApiFailure } from '../shell/api-failure';
import { button, h } from '../shell/dom';
import { routeHash } from '../shell/routes';
import { focusableHeading, type Screen, type ShellContext } from '../shell/screen';
import { showToast } from '../shell/toast';
import { AssetPanel } from './asset-panel';
import { downloadCertificate } from './certificate-download';
import { ChapterUploadPanel } from './chapter-upload-panel';
import { byNumber, untilNextRelease } from './chapter-status';
import { formatLocalTime } from './schedule-time';
import { StoryDetailsForm } from './story-details-form';
import type { StudioApi } from './studio-api';
import { chapterHeadingId, studioChapterCard, type ChapterActions } from './studio-chapter-card';
import { studioFrame } from './studio-frame';
import { listedPill } from './studio-story-summary';
import { ReadingStatsPanel } from './reading-stats-panel';

/** The longest a timer may wait (setTimeout's limit is about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One story in the studio: its chapters (preview, publish now or schedule, versions and their
 * certificates), the chapter upload, its art and music, and its details. Every change reads the
 * story again from the server, which is the only judge of a chapter's state.
 */
export function studioStoryScreen(context: ShellContext, api: StudioApi, storyId: string): Screen {
  return new StudioStoryScreen(context, api, storyId);
}

class StudioStoryScreen implements Screen {
  readonly element: HTMLElement;
  readonly heading = focusableHeading(h('h1', { className: 'library-title', text: 'Loading story…' }));
  private readonly standing = h('p', { className: 'story-meta' });
  private readonly status = h('div', { className: 'library-status', attrs: { role: 'status' } });
  private readonly chapters = h('ol', { className: 'studio-chapter-list', attrs: { 'aria-labelledby': 'studio-chapters-heading' } });
  private readonly noChapters = h('p', { className: 'muted', text: 'No chapters yet. Upload the first one below.' });
  private readonly body = h('div', { className: 'studio-story-body', attrs: { hidden: true } });
  private readonly upload: ChapterUploadPanel;
  private readonly assets: AssetPanel;
  private readonly details: StoryDetailsForm;
  private readonly readers: ReadingStatsPanel;
  private readonly frame: { element: HTMLElement; destroy(): void };
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(
    private readonly context: ShellContext,
    private readonly api: StudioApi,
    private readonly storyId: string,
  ) {
    context.setTitle('Studio');
    const reload = () => this.reload();
    this.upload = new ChapterUploadPanel(api, storyId, reload);
    this.assets = new AssetPanel(api, storyId, reload);
    this.details = new StoryDetailsForm(api, (story) => this.render(story));
    this.readers = new ReadingStatsPanel(api, () => context.api.story(storyId), storyId);
    this.body.append(
      this.standing,
      section('studio-chapters-heading', 'Chapters', [this.chapters, this.noChapters, this.upload.element]),
      section('studio-readers-heading', 'Readers', [this.readers.element]),
      section('studio-assets-heading', 'Art and music', [this.assets.element]),
      section('studio-details-heading', 'Story details', [h('div', { className: 'studio-card' }, [this.details.element])]),
    );
    // Within "My stories": its tab leads back to the list.
    this.frame = studioFrame(context, 'stories', [this.heading, this.status, this.body], true);
    this.element = this.frame.element;
    void this.reload();
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.releaseTimer);
    this.frame.destroy();
  }

  /** Reads the story again; `focusId` is an element to move focus to once it is drawn (a chapter's heading after publishing). */
  private async reload(focusId?: string): Promise<void> {
    try {
      const story = await this.api.story(this.storyId);
      if (this.destroyed) return;
      if (!story) return this.showMissing();
      this.render(story);
      void this.readers.refresh(story.listed);
      if (focusId) document.getElementById(focusId)?.focus();
    } catch (error) {
      if (this.destroyed) return;
      const message = error instanceof ApiFailure ? error.message : 'The story could not be loaded.';
      if (this.body.hidden) this.status.replaceChildren(h('p', { text: message }), button('Try again', () => void this.reload(), 'btn btn-small btn-outline'));
      else showToast(message);
    }
  }

  /** Not one of my stories (or gone): the studio lists only the caller's own. */
  private showMissing(): void {
    this.heading.textContent = 'Story not found';
    this.context.setTitle('Story not found · Studio');
    this.body.hidden = true;
    this.status.replaceChildren(
      h('p', { text: 'It is not one of your stories, or the link is wrong.' }),
      h('a', { className: 'btn btn-primary', attrs: { href: routeHash({ name: 'studio' }) }, text: 'My stories' }),
    );
  }

  private render(story: StudioStory): void {
    this.heading.textContent = story.title;
    this.context.setTitle(`${story.title} · Studio`);
    this.status.replaceChildren();
    this.body.hidden = false;
    this.standing.replaceChildren(
      listedPill(story.listed),
      story.listed ? h('a', { attrs: { href: routeHash({ name: 'story', storyId: story.id }) }, text: 'See it in the library' }) : h('span', { className: 'muted', text: 'Readers find it once a chapter is released.' }),
    );
    const chapters = byNumber(story.chapters);
    const now = new Date();
    this.chapters.replaceChildren(...chapters.map((chapter) => studioChapterCard(chapter, this.actions, now)));
    this.noChapters.hidden = chapters.length > 0;
    this.upload.setChapterIds(chapters.map((chapter) => chapter.id));
    this.assets.update(story.assets);
    this.details.update(story);
    this.armReleaseTimer(chapters, now);
  }

  /** When a scheduled chapter goes out, read the story again so it shows as published. */
  private armReleaseTimer(chapters: StudioChapter[], now: Date): void {
    clearTimeout(this.releaseTimer);
    const wait = untilNextRelease(chapters, now);
    if (wait === null || wait > MAX_TIMER_MS) return;
    // A moment after the release time: the server releases on its own timer.
    this.releaseTimer = setTimeout(() => void this.reload(), wait + 1500);
  }

  private readonly actions: ChapterActions = {
    preview: (chapter) => this.context.router.navigate({ name: 'play', storyId: this.storyId, chapterId: chapter.id, preview: true }),
    publish: async (chapter, releaseAt) => {
      try {
        const published = await this.api.publish(this.storyId, chapter.id, releaseAt);
        const released = published.chapter.state === 'published';
        showToast(released
          ? `Chapter ${chapter.number} published: version ${published.chapter.version} is out now.`
          : `Chapter ${chapter.number} scheduled: version ${published.chapter.version} releases ${formatLocalTime(published.chapter.releaseAt)}.`);
        await this.reload(chapterHeadingId(chapter.id));
      } catch (error) {
        showToast(error instanceof ApiFailure ? error.message : 'The chapter could not be published. Try again.');
      }
    },
    downloadCertificate: async (_chapter, version) => {
      try {
        const fileName = await downloadCertificate(this.api, version.certificateId);
        showToast(`Certificate saved as ${fileName}.`);
      } catch (error) {
        showToast(error instanceof ApiFailure ? error.message : 'The certificate could not be downloaded. Try again.');
      }
    },
  };
}

function section(headingId: string, title: string, children: HTMLElement[]): HTMLElement {
  return h('section', { className: 'library-section studio-section', attrs: { 'aria-labelledby': headingId } }, [h('h2', { className: 'section-title', text: title, attrs: { id: headingId } }), ...children]);
}
