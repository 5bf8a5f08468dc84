import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Gauge, type Registry } from 'prom-client';

/**
 * `<prefix>nodejs_heap_live_bytes`: heap in use just after the latest full (mark-sweep) GC — the
 * live data without the garbage still waiting to be collected, so memory per session can be read
 * off a running server without forcing a GC. It reads 0 until the first full GC.
 */
export function registerLiveHeapGauge(registry: Registry, prefix: string): void {
  let liveBytes: number | null = null;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (((entry as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) liveBytes = getHeapStatistics().used_heap_size;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  new Gauge({
    name: `${prefix}nodejs_heap_live_bytes`,
    help: 'Heap used right after the latest full GC (live data)',
    registers: [registry],
    collect() {
      if (liveBytes !== null) this.set(liveBytes);
    },
  });
}
