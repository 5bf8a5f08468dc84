// Reading rooms over REST (the live part is the `reading` room: rooms/reading/protocol.ts).

export type { ReadingCommentMessage } from '../rooms/reading/protocol';

/** A comment as history lists it: plain text (never render it as HTML). */
export interface ReadingComment {
  id: string;
  paragraphId: string;
  author: { id: string; displayName: string };
  text: string;
  /** The thread's first comment, for a reply; null for a comment that starts a thread. */
  replyTo: string | null;
  /** ISO 8601. */
  at: string;
}

/** A thread: its first comment and its replies, oldest first. */
export interface ReadingThread extends ReadingComment {
  replies: ReadingComment[];
}

/**
 * `GET /v1/chapters/:chapterId/comments?paragraphId=&cursor=&limit=` (Bearer): threads newest first
 * (limit 1–100, default 20); `nextCursor` fetches the next page, null on the last one.
 */
export interface CommentPage {
  items: ReadingThread[];
  nextCursor: string | null;
}

/** `POST /v1/comments/:id/report` (Bearer) body; answered 202 — the report waits for a moderator. */
export interface CommentReportRequest {
  reason: string;
}

/** `POST /v1/comments/:id/report` → 202. */
export interface CommentReportAccepted {
  status: 'queued';
}

/** Reactions and comments on one paragraph, for the studio's heat map. */
export interface ParagraphStats {
  paragraphId: string;
  reactions: Record<string, number>;
  comments: number;
}

/** One chapter's reading figures. */
export interface ChapterReadingStats {
  chapterId: string;
  number: number;
  title: string;
  /** Readers who read it in a reading room. */
  reads: number;
  /** Share of those readers who reached its last paragraph, 0–1 (0 with no reads). */
  completionRate: number;
  /** Median seconds a reader spent in it; null with no reads. */
  medianReadSeconds: number | null;
  /** Every paragraph in reading order. */
  paragraphs: ParagraphStats[];
}

/** `GET /v1/studio/stories/:storyId/stats` (Bearer; the story's owner only). */
export interface StoryReadingStats {
  storyId: string;
  chapters: ChapterReadingStats[];
}
