/** The bundle a chapter's content-hashed `bundleUrl` serves: the content pipeline owns its format. */
export type { ChapterBundle } from '../content-pipeline';

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
  /** `/v1/chapters/:chapterId/bundle?v=<sha256>`: immutable, cached for a year. */
  bundleUrl: string;
}

/** `GET /v1/stories/:storyId`. */
export interface StoryDetail extends StorySummary {
  chapters: ChapterSummary[];
}

export type StorySort = 'popular' | 'new';

/** `GET /v1/stories` query: limit 1–50 (default 20); `cursor` is the previous page's `nextCursor`. */
export interface StoryListQuery {
  genre?: string;
  sort?: StorySort;
  cursor?: string;
  limit?: number;
}

/** `GET /v1/stories`. */
export interface StoryPage {
  items: StorySummary[];
  /** Null on the last page. */
  nextCursor: string | null;
}
