import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerLiveHeapGauge } from './live-heap-gauge';

/** A full GC on demand, without starting the test runner with --expose-gc. */
function fullGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('the live heap gauge', () => {
  it('reports the heap used after the latest full GC, once there was one', async () => {
    const registry = new Registry();
    registerLiveHeapGauge(registry, 'test_');
    fullGc();
    // The GC observer reports on a later turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = await registry.getSingleMetricAsString('test_nodejs_heap_live_bytes');
    const value = Number(/^test_nodejs_heap_live_bytes (\d+)$/m.exec(text)?.[1]);
    expect(value).toBeGreaterThan(1_000_000);
    expect(value).toBeLessThan(process.memoryUsage().heapTotal * 1.1);
  });
});
