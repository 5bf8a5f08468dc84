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

/** GET /v1/store/packs: packs on sale; prices in the currency's minor unit. */
export interface StorePack {
  id: string;
  title: string;
  diamonds: number;
  bonus: number;
  /** diamonds + bonus: what lands in the wallet. */
  total: number;
  price: { amount: number; currency: string };
}

export interface StoreCatalogue {
  items: StorePack[];
  /** `sandbox` when the server takes no real payments; `disabled` when it takes none at all. */
  provider: 'stripe' | 'sandbox' | 'disabled';
}

export type PurchaseStatus = 'pending' | 'paid' | 'refunded' | 'failed';

export interface Purchase {
  id: string;
  packId: string;
  diamonds: number;
  price: { amount: number; currency: string };
  status: PurchaseStatus;
  provider: string;
  diamondsGranted: number;
  diamondsReclaimed: number;
  shortfall: number;
  createdAt: string;
  paidAt: string | null;
  refundedAt: string | null;
}

/** POST /v1/store/checkout: where to send the player to pay. */
export interface CheckoutStarted {
  purchase: Purchase;
  sessionId: string;
  checkoutUrl: string;
  provider: string;
}
