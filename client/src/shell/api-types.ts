// The shapes of the /v1 REST API the shell reads (README "REST API (v1)").
import type { StoryProgress as EngineProgress } from '../../../rooms/story/engine';

export interface User {
  id: string;
  email: string | null;
  displayName: string;
  isGuest: boolean;
  createdAt: string;
}

/** What every /v1/auth/* route that signs in answers. */
export interface AuthSession {
  user: User;
  accessToken: string;
  refreshToken: string;
}

export interface StorySummary {
  id: string;
  title: string;
  description: string;
  genre: string;
  coverUrl: string | null;
  chapterCount: number;
  plays: number;
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

export type StorySort = 'popular' | 'new';

export interface Inventory {
  keys: number;
  keysCap: number;
  /** ISO 8601, or null when the wallet is full. */
  nextKeyAt: string | null;
  diamonds: number;
}

export type { ChoiceRecord } from '../../../rooms/story/engine';

/** GET /v1/progress/:storyId — the engine's progress record (the room's own type) plus when it was saved. */
export type StoryProgress = EngineProgress & { updatedAt: string };
