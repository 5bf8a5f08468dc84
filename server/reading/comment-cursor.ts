import { z } from 'zod';
import { DomainError } from '../shared/domain-error';

// Opaque to clients (base64url of a small JSON): the (createdAt, id) of the last thread on a page.

const MAX_CURSOR_LENGTH = 256;
const cursorJson = z.tuple([z.string().datetime(), z.string().uuid()]);

export interface CommentKey {
  createdAt: Date;
  id: string;
}

export function encodeCommentCursor(key: CommentKey): string {
  return Buffer.from(JSON.stringify([key.createdAt.toISOString(), key.id]), 'utf8').toString('base64url');
}

/** INVALID_CURSOR when the cursor is garbled. */
export function decodeCommentCursor(cursor: string): CommentKey {
  let json: unknown;
  try {
    json = cursor.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = cursorJson.safeParse(json);
  if (!parsed.success) throw new DomainError('INVALID_CURSOR', 'The cursor is not one this server issued');
  return { createdAt: new Date(parsed.data[0]), id: parsed.data[1] };
}
