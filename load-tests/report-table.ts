import type { LatencySummary } from './latency-histogram';
import type { BaselineFigures } from './baselines/baseline-figures';
import type { ReplaySummary, RunSummary } from './run-summary';
import type { ServerFigures } from './server-metrics';

/** The end-of-run report, for people: latencies, errors, throughput and the server's figures. */
export function formatReport(title: string, summary: RunSummary | ReplaySummary): string {
  const lines: string[] = [title, ''];
  lines.push(`players connected ${summary.clients} · joins ${summary.joins} · ${summary.durationS} s`);
  if (summary.prepared) lines.push(`guests registered before the run (not timed) ${summary.prepared.players}/${summary.prepared.of} in ${summary.prepared.seconds.toFixed(1)} s`);
  if ('replays' in summary) lines.push(`replays compared ${summary.replays} · diverged ${summary.diverged}`);
  if (summary.playersLocked > 0) lines.push(`players stopped by locked chapters (NO_KEYS, not errors) ${summary.playersLocked}`);
  lines.push('');
  lines.push(row('latency (ms)', 'count', 'p50', 'p95', 'p99', 'max'));
  lines.push(latencyRow('join', summary.joins, summary.joinMs));
  lines.push(latencyRow('choice round trip', summary.choices, summary.choiceRttMs));
  lines.push(latencyRow('  after the ramp', summary.choiceRttAfterRampMs.count, summary.choiceRttAfterRampMs));
  lines.push(latencyRow('advance round trip', summary.advances, summary.advanceRttMs));
  lines.push(latencyRow('next chapter (same room)', summary.nextChapters, summary.nextChapterRttMs));
  lines.push('');
  lines.push(`messages/s sent ${summary.messagesPerSecond} · received ${summary.messagesReceivedPerSecond}`);
  lines.push(`errors ${summary.errors}${summary.errors > 0 ? ` — ${codes(summary.errorsByCode)}` : ''}`);
  for (const sample of summary.errorSamples) lines.push(`  ${sample}`);
  if ('refusalsByCode' in summary && Object.keys(summary.refusalsByCode).length > 0) lines.push(`refusals the recordings had too ${codes(summary.refusalsByCode)}`);
  lines.push('');
  lines.push(...serverLines(summary.server));
  const { generator } = summary;
  const delay = generator.eventLoopDelayMs;
  if (summary.baselines) lines.push('', ...baselineLines(summary.baselines));
  lines.push(`load generator: CPU ${generator.cpuSeconds} s (${generator.cpuPercent} % of one core) · event-loop delay p50 ${delay.p50} / p99 ${delay.p99} / max ${delay.max} ms · resident ${mib(generator.residentBytes)}`);
  return lines.join('\n');
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const kib = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1024).toFixed(1)} KiB`);

export function serverLines(server: ServerFigures | null): string[] {
  if (!server) return ["server: /metrics not available (a cluster's origin does not serve them: name each game process with --metrics)"];
  return [
    row(server.processes > 1 ? `server (/metrics ×${server.processes})` : 'server (/metrics)', 'before', 'after', '', '', ''),
    row('process CPU', `${server.before.cpuSeconds.toFixed(2)} s`, `${server.after.cpuSeconds.toFixed(2)} s`, '', '', ''),
    row('resident memory', mib(server.before.residentBytes), mib(server.after.residentBytes), '', '', ''),
    row('heap used', mib(server.before.heapUsedBytes), mib(server.after.heapUsedBytes), '', '', ''),
    `CPU during the run ${server.cpuSeconds} s (${server.cpuPercent} % of one core) · ${server.cpuMsPerMessage ?? '—'} ms per message sent · GC ${server.gcSeconds} s`,
    `server event-loop delay ${server.steady ? 'after the ramp' : 'during the run'} ${server.eventLoopDelayMs ? `p99 ${server.eventLoopDelayMs.p99} / max ${server.eventLoopDelayMs.max} ms` : '—'}`,
    server.steady
      ? `after the ramp (${server.steady.durationS} s): CPU ${server.steady.cpuPercent} % of one core · ${server.steady.cpuMsPerMessage ?? '—'} ms per message sent`
      : 'after the ramp: — (the run ended too soon after it)',
    `heap per connected session ${kib(server.heapPerSessionBytes)} (garbage included) · ${kib(server.liveHeapPerSessionBytes)} live, after the latest full GC`,
  ];
}

function baselineLines({ echo, pgbench }: BaselineFigures): string[] {
  const lines: string[] = [];
  if (echo) {
    lines.push(`uWS echo baseline: ${echo.messages} echoes at ${echo.messagesPerSecond}/s over ${echo.clients} sockets · CPU ${echo.cpuSeconds} s · ${echo.cpuMsPerMessage ?? '—'} ms per message · rtt p99 ${echo.rttMs.p99?.toFixed(2) ?? '—'} ms`);
    lines.push(`  StoryVerse ${echo.storyverseCpuMsPerMessage ?? '—'} ms per message = ${echo.ratio ?? '—'}× the echo`);
  }
  if (pgbench) {
    lines.push(`pgbench -N: ${pgbench.tps.toFixed(0)} TPS (${pgbench.clients} clients, ${pgbench.durationS} s)`);
    lines.push(`  StoryVerse saved ${pgbench.durableWritesPerSecond} steps/s = ${pgbench.ratio}× pgbench`);
  }
  return lines;
}

export function latencyRow(name: string, count: number, latency: LatencySummary): string {
  const ms = (value: number | null) => (value === null ? '—' : value.toFixed(1));
  return row(name, String(count), ms(latency.p50), ms(latency.p95), ms(latency.p99), ms(latency.max));
}

export function row(name: string, ...cells: string[]): string {
  return [name.padEnd(22), ...cells.map((cell) => cell.padStart(10))].join('').trimEnd();
}

export function codes(byCode: Record<string, number>): string {
  return Object.entries(byCode)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
}
