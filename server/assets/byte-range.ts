import type { ByteRange } from './asset-store';

/**
 * The one range a `Range` header asks of a blob of `size` bytes (RFC 9110 §14.1.2): `bytes=a-b`,
 * `bytes=a-` or the last n bytes `bytes=-n`, clamped to the blob. `unsatisfiable` when it starts
 * past the end (416); null when the whole blob should be sent instead — no header, another unit,
 * several ranges, or a header that does not parse (a server may ignore those).
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header?.trim() ?? '');
  if (!match) return null;
  const [first, last] = [match[1]!, match[2]!];
  if (first === '') {
    if (last === '') return null;
    const suffix = Number(last);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
