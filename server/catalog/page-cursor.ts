import { z } from 'zod';
import { DomainError } from '../shared/domain-error';
import type { PageKey, StorySort } from './story-sort';

// The cursor is opaque to clients (base64url of a small JSON) so its layout can change; it names
// its sort so a cursor cannot be replayed against the other order and silently skip stories.

const MAX_CURSOR_LENGTH = 512;

const cursorJson = z.discriminatedUnion('s', [
  z.object({ s: z.literal('popular'), k: z.tuple([z.number().int().nonnegative(), z.string().min(1).max(64)]) }),
  z.object({ s: z.literal('new'), k: z.tuple([z.string().datetime(), z.string().min(1).max(64)]) }),
]);

export function encodeCursor(key: PageKey): string {
  const json = key.sort === 'popular' ? { s: key.sort, k: [key.plays, key.id] } : { s: key.sort, k: [key.publishedAt.toISOString(), key.id] };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** The key a cursor encodes, or INVALID_CURSOR when it is garbled or belongs to another sort. */
export function decodeCursor(cursor: string, sort: StorySort): PageKey {
  const parsed = cursor.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(cursor) ? cursorJson.safeParse(parseJson(cursor)) : undefined;
  if (!parsed?.success) throw invalidCursor('The cursor is not one this server issued');
  const { s, k } = parsed.data;
  if (s !== sort) throw invalidCursor(`The cursor belongs to sort=${s}, not sort=${sort}`);
  return s === 'popular' ? { sort: s, plays: k[0], id: k[1] } : { sort: s, publishedAt: new Date(k[0]), id: k[1] };
}

function parseJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function invalidCursor(message: string): DomainError {
  return new DomainError('INVALID_CURSOR', message);
}
