import type { ChapterReadingStats, StoryDetail } from '../../../api/index';
import { REACTION_EMOJIS } from '../../../rooms/reading/protocol';
import { chapterText, type TextParagraph } from '../reading/chapter-text';
import { loadChapterBundle } from '../shell/bundle-cache';
import { h } from '../shell/dom';
import { heatLevels, readTime } from './reading-heat';
import type { StudioApi } from './studio-api';

/**
 * "Readers": how each released chapter is read in reading rooms — reads, completion, median time —
 * and a paragraph heat map, the chapter's text tinted by reactions and comments. The numbers are
 * written out beside each paragraph, so the map never depends on colour alone.
 */
export class ReadingStatsPanel {
  readonly element = h('div', { className: 'studio-readers' });

  constructor(
    private readonly api: StudioApi,
    private readonly loadStory: () => Promise<StoryDetail | null>,
    private readonly storyId: string,
  ) {}

  /** `listed`: the story is in the catalog, where its released chapters' text comes from (an unlisted one has none to show). */
  async refresh(listed: boolean): Promise<void> {
    try {
      const [stats, story] = await Promise.all([this.api.readingStats(this.storyId), listed ? this.loadStory().catch(() => null) : Promise.resolve(null)]);
      if (stats.chapters.length === 0) return void this.element.replaceChildren(h('p', { className: 'muted', text: 'No released chapters yet: readers come with the first release.' }));
      const cards = await Promise.all(stats.chapters.map(async (chapter) => this.chapterCard(chapter, await this.textOf(story, chapter.chapterId))));
      this.element.replaceChildren(...cards);
    } catch {
      this.element.replaceChildren(h('p', { className: 'muted', text: 'Reading figures could not be loaded. Try again later.' }));
    }
  }

  private async textOf(story: StoryDetail | null, chapterId: string): Promise<Map<string, TextParagraph>> {
    const chapter = story?.chapters.find((c) => c.id === chapterId);
    if (!chapter) return new Map();
    try {
      return new Map((chapterText(await loadChapterBundle(chapter.bundleUrl)) ?? []).map((p) => [p.id, p]));
    } catch {
      return new Map();
    }
  }

  private chapterCard(chapter: ChapterReadingStats, text: Map<string, TextParagraph>): HTMLElement {
    const headingId = `studio-readers-${chapter.chapterId}`;
    const summary =
      chapter.reads === 0
        ? 'No readers yet.'
        : `${chapter.reads} ${chapter.reads === 1 ? 'read' : 'reads'} · ${Math.round(chapter.completionRate * 100)} % read to the end · median time ${readTime(chapter.medianReadSeconds)}`;
    const levels = heatLevels(chapter.paragraphs);
    // Only paragraphs with text (stage directions have ids too, but nothing to read or react to).
    const rows = chapter.paragraphs
      .map((paragraph, index) => ({ paragraph, level: levels[index] ?? 0, line: text.get(paragraph.paragraphId) }))
      .filter((row) => text.size === 0 || row.line !== undefined)
      .map(({ paragraph, level, line }) => {
        const reactions = REACTION_EMOJIS.filter((emoji) => (paragraph.reactions[emoji] ?? 0) > 0).map((emoji) => `${emoji} ${paragraph.reactions[emoji]}`);
        const comments = paragraph.comments > 0 ? [`${paragraph.comments} ${paragraph.comments === 1 ? 'comment' : 'comments'}`] : [];
        const figures = [...reactions, ...comments].join(' · ') || 'no reactions';
        return h('li', { className: `heat-row heat-${level}` }, [
          h('p', { className: 'heat-line' }, [line?.speaker ? h('strong', { text: `${line.speaker}: ` }) : null, line ? line.text : paragraph.paragraphId]),
          h('p', { className: 'heat-figures', text: figures }),
        ]);
      });
    return h('section', { className: 'studio-card studio-readers-chapter', attrs: { 'aria-labelledby': headingId } }, [
      h('h3', { attrs: { id: headingId }, text: `Chapter ${chapter.number}: ${chapter.title}` }),
      h('p', { className: 'studio-readers-summary', text: summary }),
      rows.length > 0
        ? h('details', { className: 'heat-map' }, [
            h('summary', { text: 'Paragraph heat map' }),
            h('p', { className: 'muted heat-legend', text: 'Warmer paragraphs drew more reactions and comments; the counts are beside each one.' }),
            h('ol', { className: 'heat-rows', attrs: { 'aria-label': `Paragraphs of chapter ${chapter.number} with their reactions and comments` } }, rows),
          ])
        : null,
    ]);
  }
}
