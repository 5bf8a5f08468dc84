// The studio: writers publish serialized stories (REST under /v1/studio; issue 14).
import type { Certificate } from './certificates';

/** What an account may do; `writer` once it owns a story, `moderator`/`admin` granted by an operator. */
export type Role = 'reader' | 'writer' | 'moderator' | 'admin';

/** Where a studio chapter stands for readers. */
export type ChapterState = 'draft' | 'scheduled' | 'published';

/** One thing the linter found in a chapter, located by scene (and file/line for Ink and Twee sources). */
export interface ChapterProblem {
  /** The scene it is in, when it is in one. */
  scene?: string;
  message: string;
  severity: 'error' | 'warning';
  /** Machine-readable kind (`dangling_link`, `dead_end`, `missing_asset`, `unknown_character`, …). */
  code?: string;
  file?: string;
  line?: number;
}

/** `POST /v1/studio/stories`: `id` is a slug (made from the title when absent). */
export interface CreateStudioStoryRequest {
  title: string;
  description: string;
  genre: string;
  id?: string;
}

/** `PATCH /v1/studio/stories/:storyId`: any subset; `cover` is the path of an uploaded image asset, or null. */
export interface UpdateStudioStoryRequest {
  title?: string;
  description?: string;
  genre?: string;
  cover?: string | null;
}

/** One chapter as its writer sees it. */
export interface StudioChapter {
  id: string;
  number: number;
  title: string;
  state: ChapterState;
  /** The latest published version (0 while it has never been published). */
  version: number;
  /** Content hash of the latest published version, null while never published. */
  sha256: string | null;
  /** When the latest published version is (or was) released to readers; ISO 8601, null while a draft. */
  releaseAt: string | null;
  /** The draft differs from the latest published version (or was never published). */
  hasUnpublishedChanges: boolean;
  /** What the linter found in the current draft: no `error` among them when it can be published (warnings do not block). */
  problems: ChapterProblem[];
  /** Every published version, newest first, each with its certificate. */
  versions: { version: number; sha256: string; releaseAt: string; certificateId: string }[];
}

/** One uploaded file of a story. */
export interface StudioAsset {
  path: string;
  sha256: string;
  contentType: string;
  size: number;
  /** Content-hashed, immutable: `/v1/assets/<sha256>`. */
  url: string;
}

/** A story as its writer sees it in the studio. */
export interface StudioStory {
  id: string;
  title: string;
  description: string;
  genre: string;
  /** Path of the cover asset, or null. */
  cover: string | null;
  /** Readers can find it: at least one chapter has been released. */
  listed: boolean;
  createdAt: string;
  chapters: StudioChapter[];
  assets: StudioAsset[];
}

/** `POST /v1/studio/stories` (201), `GET` and `PATCH /v1/studio/stories/:storyId`. */
export interface StudioStoryResponse {
  story: StudioStory;
}

/** `GET /v1/studio/stories`. */
export interface StudioStoryList {
  items: StudioStory[];
}

/**
 * `PUT /v1/studio/stories/:storyId/chapters/:chapterId` → 200 with no errors (`problems` then holds
 * the warnings, if any); with errors the answer is `422 CONTENT_INVALID` with `details.problems`
 * (the draft is kept either way).
 */
export interface ChapterUploadResponse {
  chapter: StudioChapter;
  problems: ChapterProblem[];
}

/** `PUT /v1/studio/stories/:storyId/assets/<path>` (raw body) → 201. */
export interface AssetUploadResponse {
  path: string;
  sha256: string;
  url: string;
}

/** `POST …/chapters/:chapterId/publish`: `releaseAt` an ISO time, default now; past → 400, too far → 400. */
export interface PublishChapterRequest {
  releaseAt?: string;
}

/**
 * `GET /v1/studio/stories/:storyId/chapters/:chapterId/bundle` answers the `ChapterBundle` (api/catalog.ts) a
 * preview plays: the clean draft, else the latest version; the owner only.
 */

/** `POST …/publish` → 200: a new immutable version and its certificate. */
export interface PublishChapterResponse {
  chapter: { id: string; state: Exclude<ChapterState, 'draft'>; version: number; sha256: string; releaseAt: string };
  certificate: Certificate;
}

/** One writer's share of one premium choice. */
export interface EarningsLine {
  storyId: string;
  chapterId: string;
  diamonds: number;
  /** ISO 8601. */
  at: string;
}

/** `GET /v1/studio/earnings?cursor=&limit=`: totals over everything, entries newest first, paged. */
export interface Earnings {
  total: number;
  byStory: { storyId: string; title: string; diamonds: number }[];
  entries: EarningsLine[];
  nextCursor: string | null;
}
