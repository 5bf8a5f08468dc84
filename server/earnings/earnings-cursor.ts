import { z } from 'zod';
import { DomainError } from '../shared/domain-error';

// Opaque to clients (base64url of a small JSON), like the catalog's cursors, so the layout can
// change. Entries are paged by id, newest first: the cursor is the id of the last entry given.

const MAX_CURSOR_LENGTH = 128;

const cursorJson = z.object({ e: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict();

export function encodeEarningsCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ e: lastId }), 'utf8').toString('base64url');
}

/** The entry id a cursor stands for (the next page starts below it), or INVALID_CURSOR. */
export function decodeEarningsCursor(cursor: string): number {
  const parsed = cursor.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(cursor) ? cursorJson.safeParse(parseJson(cursor)) : undefined;
  if (!parsed?.success) throw new DomainError('INVALID_CURSOR', 'The cursor is not one this server issued');
  return parsed.data.e;
}

function parseJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
