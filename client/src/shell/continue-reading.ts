import type { StorySummary } from '../../../api/index';
import { h } from './dom';
import { readingLabel, readingState, type ReadingState } from './reading-state';
import { continueCard } from './story-card';
import type { StoryverseApi } from './storyverse-api';

interface Entry {
  story: StorySummary;
  state: ReadingState;
  updatedAt: string;
}

/** The "Continue reading" row: every listed story the player is in the middle of, latest first. */
export class ContinueReading {
  readonly element: HTMLElement;
  private readonly row = h('div', { className: 'continue-row' });
  private readonly looked = new Set<string>();
  private readonly entries = new Map<string, Entry>();
  private destroyed = false;

  constructor(private readonly api: StoryverseApi) {
    this.element = h('section', { className: 'library-section continue-section', attrs: { 'aria-labelledby': 'continue-heading', hidden: true } }, [
      h('h2', { className: 'section-title', text: 'Continue reading', attrs: { id: 'continue-heading' } }),
      this.row,
    ]);
  }

  /** Looks up progress for stories not seen yet (404 = not started). */
  add(stories: StorySummary[]): void {
    for (const story of stories) {
      if (this.looked.has(story.id)) continue;
      this.looked.add(story.id);
      void this.lookUp(story);
    }
  }

  destroy(): void {
    this.destroyed = true;
  }

  private async lookUp(story: StorySummary): Promise<void> {
    try {
      const progress = await this.api.progress(story.id);
      if (!progress || this.destroyed) return;
      // Progress names a chapter by id; the story's chapter list gives its number.
      const detail = await this.api.story(story.id);
      if (this.destroyed) return;
      this.entries.set(story.id, { story, state: readingState(detail, progress), updatedAt: progress.updatedAt });
      this.render();
    } catch {
      // The row is a convenience: a story whose progress cannot be read is simply left out.
    }
  }

  private render(): void {
    // Finished stories are not "continued": they stay in the library and on their story page.
    const entries = [...this.entries.values()].filter((e) => e.state.kind !== 'finished').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    this.row.replaceChildren(...entries.map((e) => continueCard(e.story, readingLabel(e.state), e.state.kind === 'finished')));
    this.element.hidden = entries.length === 0;
  }
}
