import { describe, expect, it } from 'vitest';
import { runEchoBaseline } from './echo-baseline';
import { parseTps } from './pgbench-baseline';
import { uwsBaselineRuns } from './uws-here';

const echoRuns = uwsBaselineRuns('the uWS echo baseline');

describe('the uWS echo baseline', () => {
  it.runIf(echoRuns)('echoes every message it is offered and measures the echo server’s CPU per message', async () => {
    const echo = await runEchoBaseline({ clients: 4, messagesPerSecond: 80, durationS: 1 });
    // 80/s over 1 s on 4 sockets: each socket sends about 20; timers may drift by one.
    expect(echo.messages).toBeGreaterThanOrEqual(60);
    expect(echo.messages).toBeLessThanOrEqual(100);
    expect(echo.cpuSeconds).toBeGreaterThan(0);
    expect(echo.cpuMsPerMessage).toBeGreaterThan(0);
    expect(echo.rttMs.count).toBe(echo.messages);
    expect(echo.rttMs.p50).toBeGreaterThan(0);
  }, 20_000);
});

describe('parseTps', () => {
  it('reads the TPS line of pgbench 13 and later', () => {
    const output = ['number of transactions actually processed: 28215', 'latency average = 1.773 ms', 'initial connection time = 20.201 ms', 'tps = 5640.426837 (without initial connection time)'].join('\n');
    expect(parseTps(output)).toBeCloseTo(5640.43, 2);
  });

  it('reads the older "excluding connections establishing" line', () => {
    expect(parseTps('tps = 812.5 (including connections establishing)\ntps = 820.25 (excluding connections establishing)\n')).toBe(820.25);
  });

  it('says so when pgbench printed no TPS', () => {
    expect(() => parseTps('pgbench: error: connection to server failed')).toThrow(/no tps line/);
  });
});
