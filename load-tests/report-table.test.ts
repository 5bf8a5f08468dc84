import { describe, expect, it } from 'vitest';
import { serverLines } from './report-table';
import { serverFigures } from './server-metrics';

const before = { cpuSeconds: 10, residentBytes: 100, heapUsedBytes: 1_000_000, liveHeapBytes: 800_000, gcSeconds: 1, eventLoopDelay: null };
const after = { ...before, cpuSeconds: 15, eventLoopDelay: { p99Seconds: 0.0125, maxSeconds: 0.2 } };
const run = { durationS: 20, messagesSent: 2500, connectedAtEnd: 1000 };

describe('the report’s server lines', () => {
  it('says the event-loop delay covers the time after the ramp when a scrape there reset it, else the whole run', () => {
    const steady = serverFigures(before, after, { ...run, steady: { start: { ...before, cpuSeconds: 13 }, durationS: 10, messagesSent: 1000 } });
    expect(serverLines(steady).join('\n')).toContain('server event-loop delay after the ramp p99 2.5 / max 190 ms');
    expect(serverLines(serverFigures(before, after, run)).join('\n')).toContain('server event-loop delay during the run p99 2.5 / max 190 ms');
  });

  it('names how many processes it adds up, and how to get figures through a cluster’s origin', () => {
    expect(serverLines(serverFigures(before, after, { ...run, processes: 2 }))[0]).toMatch(/^server \(\/metrics ×2\)/);
    expect(serverLines(serverFigures(before, after, run))[0]).toMatch(/^server \(\/metrics\) /);
    expect(serverLines(null)).toEqual(["server: /metrics not available (a cluster's origin does not serve them: name each game process with --metrics)"]);
  });
});
