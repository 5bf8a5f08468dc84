import { createHash } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether `value` is a SHA-256 as the asset store names blobs: 64 lowercase hex digits. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Guards a put: a blob filed under another hash than its own would serve the wrong bytes forever
 * under an immutable URL. Thrown as a plain Error: callers hash the bytes themselves, so it is a bug.
 */
export function assertNamedByItsHash(sha256: string, bytes: Buffer): void {
  if (!isSha256Hex(sha256)) throw new Error(`Asset store: ${JSON.stringify(sha256)} is not a SHA-256 (64 lowercase hex digits)`);
  const actual = sha256Hex(bytes);
  if (actual !== sha256) throw new Error(`Asset store: the bytes hash to ${actual}, not ${sha256}`);
}
