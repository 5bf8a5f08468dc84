import type { AnyChapter, Refusal, StoryProgress } from './engine';

/** What the room shows of the player's wallet. */
export interface WalletSnapshot {
  keys: number;
  keysCap: number;
  nextKeyAt: string | null;
  diamonds: number;
}

export interface OpenedSession {
  /** A scene chapter or an ink one: the room plays either through rulesFor(chapter). */
  chapter: AnyChapter;
  /** Content-hashed URL of the chapter bundle, for the client's art and character data. */
  bundleUrl: string;
  progress: StoryProgress;
  wallet: WalletSnapshot;
  /** The chapter after this one, if the story has one. */
  nextChapterId: string | null;
}

/** What a step costs: a premium choice's diamonds, or a premium outfit's (bought once per story). */
export interface StepCharge {
  diamonds: number;
  choiceId: string | null;
  /** Set when the step buys an outfit: its charge is keyed by the outfit, not the step. */
  outfitId?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/**
 * What the story room needs from the rest of StoryVerse; the server implements it over the
 * database, the wallet and the catalog. Refusals (NO_KEYS, CHAPTER_LOCKED, INSUFFICIENT_DIAMONDS…)
 * come back as values; a thrown error is a bug.
 */
export interface StorySessions {
  storyExists(storyId: string): Promise<boolean>;
  /** Resumes (or starts) the player's session in a story; the first opening of a chapter spends a key. */
  open(userId: string, storyId: string, chapterId?: string): Promise<Outcome<OpenedSession>>;
  /**
   * Saves `after` on top of `before` — only if nothing else saved since — and charges `diamonds`
   * in the same transaction, once per step however often it is retried. Answers the wallet after
   * a charge, or null when nothing was charged (the wallet did not change).
   */
  save(userId: string, before: StoryProgress, after: StoryProgress, charge: StepCharge): Promise<Outcome<WalletSnapshot | null>>;
}

export type { PlayerAuthenticator } from '../shared/player-auth';
