import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './page-cursor';

describe('page cursor', () => {
  it('round-trips both kinds of key as an opaque base64url string', () => {
    const popular = encodeCursor({ sort: 'popular', plays: 7, id: 'harbor-clock' });
    expect(popular).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(popular, 'popular')).toEqual({ sort: 'popular', plays: 7, id: 'harbor-clock' });
    const at = new Date('2026-02-03T04:05:06.789Z');
    expect(decodeCursor(encodeCursor({ sort: 'new', publishedAt: at, id: 'x' }), 'new')).toEqual({ sort: 'new', publishedAt: at, id: 'x' });
  });

  it('refuses a cursor of the other sort', () => {
    expect(() => decodeCursor(encodeCursor({ sort: 'popular', plays: 1, id: 'a' }), 'new')).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
  });

  it.each([
    ['empty', ''],
    ['not base64url', '%%%'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['wrong shape', Buffer.from('{"s":"popular","k":[-1,"a"]}').toString('base64url')],
    ['bad date', Buffer.from('{"s":"new","k":["yesterday","a"]}').toString('base64url')],
    ['too long', 'a'.repeat(600)],
  ])('refuses a garbled cursor (%s)', (_why, cursor) => {
    expect(() => decodeCursor(cursor, 'popular')).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
  });
});
