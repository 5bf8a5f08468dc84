import { describe, expect, it } from 'vitest';
import { requestedRange } from './byte-range';

describe('requestedRange', () => {
  it.each([
    ['bytes=0-1', { start: 0, end: 1 }],
    ['bytes=0-', { start: 0, end: 999 }],
    ['bytes=500-', { start: 500, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=-10', { start: 990, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=999-999', { start: 999, end: 999 }],
    [' bytes=1-2 ', { start: 1, end: 2 }],
  ])('reads %j of a 1000-byte blob', (header, range) => {
    expect(requestedRange(header, 1000)).toEqual(range);
  });

  it.each(['bytes=1000-', 'bytes=1000-2000', 'bytes=-0'])('finds %j unsatisfiable (416)', (header) => {
    expect(requestedRange(header, 1000)).toBe('unsatisfiable');
  });

  it.each([undefined, '', 'bytes=5-1', 'bytes=0-1,5-6', 'items=0-1', 'bytes=-', 'bytes=a-b', 'bytes 0-1', 'bytes=0-1\u0000', `bytes=${'9'.repeat(40)}-`])('sends the whole blob for %j', (header) => {
    expect(requestedRange(header, 1000)).toBeNull();
  });
});
