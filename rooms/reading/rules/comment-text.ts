import type { Outcome } from './outcome';

export const MAX_COMMENT_LENGTH = 500;

/** Trims the text and checks it is 1–500 characters (code points, so an emoji counts as what it looks like). */
export function checkCommentText(text: string): Outcome<string> {
  const trimmed = text.trim();
  const length = [...trimmed].length;
  if (length === 0) return { ok: false, refusal: { code: 'COMMENT_EMPTY', message: 'Write something first' } };
  if (length > MAX_COMMENT_LENGTH) return { ok: false, refusal: { code: 'COMMENT_TOO_LONG', message: `A comment is at most ${MAX_COMMENT_LENGTH} characters`, details: { length, max: MAX_COMMENT_LENGTH } } };
  return { ok: true, value: trimmed };
}
