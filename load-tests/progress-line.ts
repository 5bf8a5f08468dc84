import type { RunStats } from './run-stats';

/**
 * One line a second while a run goes: sessions connected, joins/s, choices/s, the p99 choice
 * round trip so far and the error count. It goes to the caller's `log` (stderr for the CLI), so
 * stdout keeps only the final report.
 */
export function startProgressLine(stats: RunStats, log: (line: string) => void, extra: () => string = () => ''): { stop(): void } {
  const started = performance.now();
  let last = { at: started, joins: 0, choices: 0, advances: 0 };
  const timer = setInterval(() => {
    const now = performance.now();
    const seconds = (now - last.at) / 1000;
    const joins = stats.joinMs.count;
    const choices = stats.choiceRttMs.count;
    const advances = stats.advanceRttMs.count;
    const p99 = stats.choiceRttMs.percentile(99);
    log(
      [
        `[${String(Math.round((now - started) / 1000)).padStart(4)} s]`,
        `connected ${stats.connected}`,
        `joins/s ${rate(joins - last.joins, seconds)}`,
        `choices/s ${rate(choices - last.choices, seconds)}`,
        `advances/s ${rate(advances - last.advances, seconds)}`,
        `p99 choice ${p99 === null ? '—' : `${p99.toFixed(1)} ms`}`,
        `errors ${stats.errors}`,
        extra(),
      ]
        .filter(Boolean)
        .join(' · '),
    );
    last = { at: now, joins, choices, advances };
  }, 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function rate(count: number, seconds: number): string {
  return seconds > 0 ? (count / seconds).toFixed(0) : '0';
}
