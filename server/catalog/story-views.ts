import type { ChapterSummary, StorySummary } from '../../api/catalog';
import type { Story } from '../database/entities';
import { assetUrl, bundleUrl } from './catalog-urls';

// The catalog's answers are the REST contract's types: a field changed here must change there.
export type { ChapterSummary, StoryDetail, StoryPage, StorySummary } from '../../api/catalog';

export function toStorySummary(story: Story, chapterCount: number): StorySummary {
  return {
    id: story.id,
    title: story.title,
    description: story.description,
    genre: story.genre,
    coverUrl: story.coverPath === null ? null : assetUrl(story.id, story.coverPath),
    chapterCount,
    plays: story.plays,
    publishedAt: story.publishedAt.toISOString(),
  };
}

export function toChapterSummary(chapter: { id: string; number: number; title: string; sha256: string }): ChapterSummary {
  return { id: chapter.id, number: chapter.number, title: chapter.title, sha256: chapter.sha256, bundleUrl: bundleUrl(chapter.id, chapter.sha256) };
}
