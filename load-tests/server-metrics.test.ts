import { describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { combineSamples, parseServerMetrics, readServersMetrics, serverFigures } from './server-metrics';

const text = `# HELP storyverse_process_cpu_seconds_total Total user and system CPU time spent in seconds.
# TYPE storyverse_process_cpu_seconds_total counter
storyverse_process_cpu_user_seconds_total{transport="uws"} 9.5
storyverse_process_cpu_seconds_total{transport="uws"} 12.25
storyverse_process_resident_memory_bytes{transport="uws"} 165863424
storyverse_nodejs_heap_size_used_bytes 40031112
storyverse_nodejs_heap_size_used_bytes_extra 1
storyverse_nodejs_heap_live_bytes 30000000
storyverse_nodejs_eventloop_lag_p99_seconds{transport="uws"} 0.0125
storyverse_nodejs_eventloop_lag_max_seconds{transport="uws"} 0.2
storyverse_nodejs_gc_duration_seconds_sum{transport="uws",kind="minor"} 0.5
storyverse_nodejs_gc_duration_seconds_sum{transport="uws",kind="major"} 0.25
`;

describe('server metrics', () => {
  it('reads CPU, resident memory and used heap, with or without labels', () => {
    expect(parseServerMetrics(text)).toEqual({
      cpuSeconds: 12.25,
      residentBytes: 165863424,
      heapUsedBytes: 40031112,
      liveHeapBytes: 30000000,
      gcSeconds: 0.75,
      eventLoopDelay: { p99Seconds: 0.0125, maxSeconds: 0.2 },
    });
  });

  it('is null when a figure is missing', () => {
    expect(parseServerMetrics('storyverse_process_cpu_seconds_total 1\n')).toBeNull();
    // A live heap of 0: the server has had no full GC yet.
    expect(parseServerMetrics('storyverse_process_cpu_seconds_total 1\nstoryverse_process_resident_memory_bytes 2\nstoryverse_nodejs_heap_size_used_bytes 3\nstoryverse_nodejs_heap_live_bytes 0\n')).toEqual({
      cpuSeconds: 1,
      residentBytes: 2,
      heapUsedBytes: 3,
      liveHeapBytes: null,
      gcSeconds: 0,
      eventLoopDelay: null,
    });
  });

  it("adds several processes up as one server, with the worst of their event-loop delays", () => {
    const one = { cpuSeconds: 10, residentBytes: 100, heapUsedBytes: 1_000, liveHeapBytes: 800, gcSeconds: 1, eventLoopDelay: { p99Seconds: 0.02, maxSeconds: 0.3 } };
    const two = { cpuSeconds: 5.5, residentBytes: 50, heapUsedBytes: 500, liveHeapBytes: 400, gcSeconds: 0.5, eventLoopDelay: { p99Seconds: 0.05, maxSeconds: 0.1 } };
    expect(combineSamples([one, two])).toEqual({ cpuSeconds: 15.5, residentBytes: 150, heapUsedBytes: 1_500, liveHeapBytes: 1_200, gcSeconds: 1.5, eventLoopDelay: { p99Seconds: 0.05, maxSeconds: 0.3 } });
    // A figure one process lacks is a figure the server lacks.
    expect(combineSamples([one, { ...two, liveHeapBytes: null, eventLoopDelay: null }])).toMatchObject({ liveHeapBytes: null, eventLoopDelay: null, cpuSeconds: 15.5 });
    // A process that did not answer: no figures rather than a server that looks cheaper than it is.
    expect(combineSamples([one, null])).toBeNull();
    expect(combineSamples([])).toBeNull();
  });

  it('scrapes every process named, and gives no figures when one of them does not answer', async () => {
    const servers: Server[] = [];
    const serve = async (body: string) => {
      const server = createServer((_request, response) => response.end(body));
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    try {
      const first = await serve(text);
      const second = await serve(text.replace('cpu_seconds_total{transport="uws"} 12.25', 'cpu_seconds_total{transport="uws"} 1.75'));
      expect((await readServersMetrics([first, second]))?.cpuSeconds).toBe(14);
      const silent = await serve('not metrics');
      expect(await readServersMetrics([first, silent])).toBeNull();
    } finally {
      for (const server of servers) server.close();
    }
  });

  it('turns before, after the ramp and after into the run figures', () => {
    const before = { cpuSeconds: 10, residentBytes: 100, heapUsedBytes: 1_000_000, liveHeapBytes: 800_000, gcSeconds: 1, eventLoopDelay: null };
    const afterRamp = { ...before, cpuSeconds: 13 };
    const after = { cpuSeconds: 15, residentBytes: 200, heapUsedBytes: 33_768_000, liveHeapBytes: 10_800_000, gcSeconds: 1.5, eventLoopDelay: { p99Seconds: 0.0125, maxSeconds: 0.2 } };
    const steady = { start: afterRamp, durationS: 10, messagesSent: 1000 };
    expect(serverFigures(before, after, { durationS: 20, messagesSent: 2500, connectedAtEnd: 1000, steady })).toEqual({
      processes: 1,
      before,
      after,
      cpuSeconds: 5,
      cpuPercent: 25,
      cpuMsPerMessage: 2,
      heapPerSessionBytes: 32_768,
      liveHeapPerSessionBytes: 10_000,
      gcSeconds: 0.5,
      // prom-client records whole 10 ms intervals; the delay is what exceeds them
      eventLoopDelayMs: { p99: 2.5, max: 190 },
      steady: { durationS: 10, messagesSent: 1000, cpuPercent: 20, cpuMsPerMessage: 2 },
    });
    const withoutLiveHeap = serverFigures({ ...before, liveHeapBytes: null }, after, { durationS: 20, messagesSent: 2500, connectedAtEnd: 1000 });
    expect(withoutLiveHeap).toMatchObject({ liveHeapPerSessionBytes: null, steady: null });
    expect(serverFigures(null, after, { durationS: 1, messagesSent: 1, connectedAtEnd: 1 })).toBeNull();
  });
});
