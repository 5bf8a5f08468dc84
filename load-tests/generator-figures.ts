import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * The load generator's own health. Round trips are timed on the generator's event loop, so a
 * busy generator inflates them: its loop delay says how much of a slow p99 is ours, not the
 * server's (the generator shares the machine's cores with the server).
 */
export interface GeneratorFigures {
  /** Generator CPU (user + system) during the run, and as a share of one core. */
  cpuSeconds: number;
  cpuPercent: number;
  /** How late the generator's timers fired: time any measurement may have waited on us. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Generator resident memory at the end of the run (every session still open). */
  residentBytes: number;
}

const RESOLUTION_MS = 10;

export function watchGenerator(): { stop(): GeneratorFigures } {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  return {
    stop: () => {
      delay.disable();
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const seconds = (performance.now() - started) / 1000;
      // The histogram holds whole timer intervals; what exceeds the interval is the delay.
      const ms = (nanos: number) => Math.max(0, Math.round(nanos / 1e5 - RESOLUTION_MS * 10) / 10);
      return {
        cpuSeconds: Math.round(cpuSeconds * 100) / 100,
        cpuPercent: seconds > 0 ? Math.round((cpuSeconds / seconds) * 1000) / 10 : 0,
        eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        residentBytes: process.memoryUsage.rss(),
      };
    },
  };
}
