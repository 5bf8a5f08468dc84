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

/**
 * Puts the pooled source in the module cache where nanoid 2 will look for it when it loads (it reads its
 * byte source once). It must run before @colyseus/core is loaded: server/main.ts imports this module
 * first. A nanoid loaded earlier keeps its own source.
 */
function poolColyseusIds(): void {
  const require = createRequire(import.meta.url);
  const path = createRequire(require.resolve('@colyseus/core')).resolve('nanoid/random');
  if (require.cache[path]) return;
  require.cache[path] = { id: path, filename: path, path, loaded: true, exports: pooledRandomBytes, children: [], paths: [] } as unknown as NodeModule;
}

poolColyseusIds();
