import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from './pooled-room-ids';

describe('pooled random bytes for Colyseus ids', () => {
  it('hands out fresh slices of the asked length, across refills and beyond the pool', () => {
    const seen = new Set<string>();
    // 4096 / 9: the pool is refilled several times over.
    for (let i = 0; i < 2000; i++) {
      const bytes = pooledRandomBytes(9);
      expect(bytes.length).toBe(9);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(2000);
    const large = pooledRandomBytes(10_000);
    expect(large.length).toBe(10_000);
    expect(new Set(large).size).toBeGreaterThan(200);
  });

  it("is where Colyseus' ids come from when it is loaded first, as server/main.ts does", () => {
    const pooled = fileURLToPath(new URL('./pooled-room-ids.ts', import.meta.url));
    const script = [
      `const { pooledBytesHandedOut } = await import(${JSON.stringify(pooled)});`,
      "const { generateId } = await import('@colyseus/core');",
      'const ids = Array.from({ length: 1000 }, () => generateId());',
      'console.log(JSON.stringify({ handedOut: pooledBytesHandedOut.total, ids }));',
    ].join('\n');
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    const { handedOut, ids } = JSON.parse(output.trim().split('\n').at(-1)!) as { handedOut: number; ids: string[] };
    expect(handedOut).toBe(1000 * 9);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{9}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });
});
