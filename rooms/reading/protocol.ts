/**
 * The `reading` room's protocol, shared by the server, the web client and the load tests.
 *
 *   client.joinOrCreate('reading', { storyId, chapterId })   with client.auth.token = accessToken;
 *     only a reader who has opened the chapter (story progress at or past it) joins — CHAPTER_LOCKED
 *     otherwise; an Ink chapter (no static paragraphs) is READING_NOT_AVAILABLE
 *   → state: ReadingState (readers in the whole chapter, this room's present readers, reaction counts)
 *   send('position', { paragraphId })                 where this reader is (shown to the room, recorded)
 *   send('react', { paragraphId, emoji })             one of REACTION_EMOJIS; the same pair again takes it back
 *   send('comment', { paragraphId, text, replyTo? })  1–500 characters after trimming
 *   ← 'comment' ReadingCommentMessage                 to every reader of the chapter, in every room
 *   ← 'commentsHeldBack' { count }                   comments of the chapter this reader was not sent live: a reader
 *                                                     is sent at most READING_LIVE_COMMENTS_PER_SECOND (their own and
 *                                                     the replies to them always, the paragraph they are at first);
 *                                                     the rest are stored, to fetch with GET /v1/chapters/:id/comments
 *   ← 'commentDeleted' { id, paragraphId }           its author deleted it (REST): take it off the page
 *   ← 'mine' { reactions: [{ paragraphId, emoji }] }  at join: the reactions this reader has standing
 *   ← 'error' { error: { code, message, details } }  INVALID_PARAGRAPH, INVALID_EMOJI, COMMENT_TOO_LONG,
 *                                                     COMMENT_EMPTY, REPLY_NOT_FOUND, RATE_LIMITED, …
 */
import { z } from 'zod';
import { ROOM_ERROR_MESSAGE } from '../shared/room-error';
import { storableString } from '../shared/storable-text';

export type { RoomErrorMessage } from '../shared/room-error';
export { REACTION_EMOJIS, type ReactionEmoji } from './rules/emojis';
export { MAX_COMMENT_LENGTH } from './rules/comment-text';

export const READING_ROOM = 'reading';

export const ReadingMessage = {
  position: 'position',
  react: 'react',
  comment: 'comment',
  commentDeleted: 'commentDeleted',
  commentsHeldBack: 'commentsHeldBack',
  mine: 'mine',
  error: ROOM_ERROR_MESSAGE,
} as const;

const paragraphIdField = storableString(z.string().min(1).max(128));

export const readingJoinOptionsSchema = z.object({
  storyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a story id'),
  chapterId: storableString(z.string().min(1).max(128)),
});
export type ReadingJoinOptions = z.infer<typeof readingJoinOptionsSchema>;

export const positionSchema = z.object({ paragraphId: paragraphIdField }).strict();
export type PositionMessage = z.infer<typeof positionSchema>;

/** The emoji is checked by the rules (INVALID_EMOJI), so the schema takes any short string. */
export const reactSchema = z.object({ paragraphId: paragraphIdField, emoji: z.string().min(1).max(16) }).strict();
export type ReactMessage = z.infer<typeof reactSchema>;

/** Length is checked after trimming by the rules (COMMENT_TOO_LONG); the schema only bounds the frame. */
// Storable: PostgreSQL refuses a NUL byte, and an unpaired surrogate cannot be stored as UTF-8.
export const commentSchema = z.object({ paragraphId: paragraphIdField, text: storableString(z.string().max(4000)), replyTo: z.string().uuid().optional() }).strict();
export type CommentMessage = z.infer<typeof commentSchema>;

/** Sent to a reader as they join: their own standing reactions in the chapter (to mark as theirs). */
export interface ReadingMineMessage {
  reactions: { paragraphId: string; emoji: string }[];
}

/** Comments of the chapter not sent to this reader live since their last such message (the live rate is spent). */
export interface ReadingCommentsHeldBackMessage {
  count: number;
}

/** A comment its author deleted, told to every reader of the chapter (its replies stay). */
export interface ReadingCommentDeletedMessage {
  id: string;
  paragraphId: string;
}

/** A comment as every reader of the chapter receives it (plain text: never render it as HTML). */
export interface ReadingCommentMessage {
  id: string;
  paragraphId: string;
  author: { id: string; displayName: string };
  text: string;
  replyTo: string | null;
  /** ISO 8601. */
  at: string;
}
