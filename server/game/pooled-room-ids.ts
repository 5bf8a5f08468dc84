import { randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';

/** Random bytes fetched from the system at once, handed out in slices. */
const POOL_BYTES = 4096;

/**
 * Colyseus names every room, seat reservation and reconnection with nanoid 2, whose byte source asks
 * the system for random bytes once per id (`crypto.randomFillSync`, ~4 % of a join's CPU). This
 * source draws them from a pool refilled 4 KiB at a time: the same cryptographic bytes in fewer
 * calls, as nanoid 3 does it. Each slice is used at once and never handed out twice.
 */
export function pooledRandomBytes(bytes: number): Buffer {
  pooledBytesHandedOut.total += bytes;
  if (bytes > POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(bytes));
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += bytes;
  return pool.subarray(offset - bytes, offset);
}

/** Bytes handed out since start: shows that Colyseus' ids come from here. */
export const pooledBytesHandedOut = { total: 0 };

const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/** The module of nanoid's byte source that @colyseus/core loads (nanoid 2 reads it once, when it loads). */
export const colyseusNanoidRandom = (): string => createRequire(createRequire(import.meta.url).resolve('@colyseus/core')).resolve('nanoid/random');

/**
 * Puts the pooled source in the module cache where nanoid will look for it. It must run before
 * @colyseus/core is loaded: server/main.ts imports this module first. False if nanoid was loaded already.
 */
export function poolColyseusIds(): boolean {
  const require = createRequire(import.meta.url);
  const path = colyseusNanoidRandom();
  if (require.cache[path]) return require.cache[path].exports === pooledRandomBytes;
  require.cache[path] = { id: path, filename: path, path, loaded: true, exports: pooledRandomBytes, children: [], paths: [] } as unknown as NodeModule;
  return true;
}

poolColyseusIds();
