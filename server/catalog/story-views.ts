import type { Story } from '../database/entities';
import { assetUrl, bundleUrl } from './catalog-urls';

/** One story as the catalog lists it. */
export interface StorySummary {
  id: string;
  title: string;
  description: string;
  genre: string;
  coverUrl: string | null;
  chapterCount: number;
  plays: number;
  /** ISO 8601. */
  publishedAt: string;
}

export interface ChapterSummary {
  id: string;
  number: number;
  title: string;
  sha256: string;
  bundleUrl: string;
}

export interface StoryDetail extends StorySummary {
  chapters: ChapterSummary[];
}

export interface StoryPage {
  items: StorySummary[];
  nextCursor: string | null;
}

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
