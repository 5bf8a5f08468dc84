import type { KitDeps } from '../shared/kit-room';
import type { ReadingCommentMessage, ReactionEmoji } from './protocol';
import type { ChapterParagraphs } from './rules/chapter-paragraphs';
import type { LiveCommentRate } from './rules/live-comments';
import type { Outcome } from './rules/outcome';
import type { ReactionCounts } from './rules/reaction-counts';

/** What a reader who may read the chapter gets at join. */
export interface OpenedReading {
  paragraphs: ChapterParagraphs;
  displayName: string;
}

/** "Has this player opened the chapter?" (their story progress is at or past it) — the server implements it. */
export interface ReadingAccess {
  /** CHAPTER_LOCKED, STORY_NOT_FOUND, CHAPTER_NOT_FOUND, READING_NOT_AVAILABLE (an Ink chapter) otherwise. */
  open(userId: string, storyId: string, chapterId: string): Promise<Outcome<OpenedReading>>;
}

export interface ReadProgress {
  /** Seconds read since the last record (added to the total). */
  seconds: number;
  furthestIndex: number;
  furthestParagraph: string | null;
  completed: boolean;
}

/** Durable reactions, comments and reads: each is written before it is announced. */
export interface ReadingStore {
  reactionCounts(chapterId: string): Promise<ReactionCounts>;
  /** The reactions this reader has standing in the chapter (their own, to mark as theirs). */
  reactionsOf(userId: string, chapterId: string): Promise<{ paragraphId: string; emoji: string }[]>;
  /** Adds the reader's reaction, or takes it back when it stands; answers the pair's new count. */
  toggleReaction(userId: string, chapterId: string, paragraphId: string, emoji: ReactionEmoji): Promise<number>;
  /** REPLY_NOT_FOUND when replyTo is not a comment of this chapter. The author is as the room knows them (its join read the name). */
  addComment(comment: { author: { id: string; displayName: string }; chapterId: string; paragraphId: string; text: string; replyTo: string | null }): Promise<Outcome<ReadingCommentMessage>>;
  recordRead(userId: string, storyId: string, chapterId: string, progress: ReadProgress): Promise<void>;
}

/** What happens in a chapter, told to every room of it in every process. */
export type ReadingEvent =
  | { type: 'reaction'; paragraphId: string; emoji: string; count: number }
  | { type: 'comment'; comment: ReadingCommentMessage }
  | { type: 'commentDeleted'; id: string; paragraphId: string }
  | { type: 'readers'; count: number };

/**
 * Fan-out across the rooms of a chapter and across processes (in-process when embedded, Redis
 * pub/sub in the cluster), and the chapter's reader count across all of them.
 */
export interface ReadingFanout {
  /** Events of the chapter, this process's own included; returns the unsubscribe. */
  subscribe(chapterId: string, listener: (event: ReadingEvent) => void): () => void;
  publish(chapterId: string, event: Exclude<ReadingEvent, { type: 'readers' }>): Promise<void>;
  /** This room's reader count; every room of the chapter hears the chapter's new total as a `readers` event. */
  setRoomReaders(chapterId: string, roomId: string, count: number): void;
  close(): Promise<void>;
}

export interface ReadingRoomDeps extends KitDeps {
  access: ReadingAccess;
  store: ReadingStore;
  fanout: ReadingFanout;
  clock: { now(): Date };
  /** READING_ROOM_SIZE: readers per room; joinOrCreate opens another room when one is full. */
  roomSize: number;
  /** READING_PATCH_MS: how often the room sends its state's changes, and the chapter's comments with them. */
  patchMs: number;
  /** READING_LIVE_COMMENTS_PER_SECOND: comments of the chapter each reader is sent live, at most (the rest are held back and counted). */
  liveComments: LiveCommentRate;
}
