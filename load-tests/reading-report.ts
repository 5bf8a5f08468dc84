import { codes, latencyRow, row, serverLines } from './report-table';
import type { ReadingSummary } from './run-reading';

/** The `reading` scenario's report: joins, fan-out, what the readers did, errors, the server. */
export function formatReadingReport(title: string, summary: ReadingSummary): string {
  const { generator } = summary;
  const lines = [
    title,
    '',
    `chapter ${summary.storyId}/${summary.chapterId} (${summary.paragraphs} paragraphs) · readers prepared ${summary.prepared}/${summary.readers} in ${summary.prepareS.toFixed(1)} s (not timed) · joined ${summary.joins} · ${summary.durationS.toFixed(1)} s`,
    '',
    row('latency (ms)', 'count', 'p50', 'p95', 'p99', 'max'),
    latencyRow('join', summary.joins, summary.joinMs),
    latencyRow('  seat reservation', summary.seatMs.count, summary.seatMs),
    latencyRow('  + socket connected', summary.joinStepsMs.connect.count, summary.joinStepsMs.connect),
    latencyRow('  + upgraded (101)', summary.joinStepsMs.upgrade.count, summary.joinStepsMs.upgrade),
    latencyRow('  + onJoin (admitted)', summary.joinStepsMs.admit.count, summary.joinStepsMs.admit),
    latencyRow('  + first state', summary.joinStepsMs.firstState.count, summary.joinStepsMs.firstState),
    latencyRow('fan-out: reaction', summary.fanoutReactionMs.count, summary.fanoutReactionMs),
    latencyRow('fan-out: comment', summary.fanoutCommentMs.count, summary.fanoutCommentMs),
    `observer sightings missed (none within 5 s): reactions ${summary.fanoutMissed.reaction} · comments ${summary.fanoutMissed.comment} (lost, or held back by the live rate)`,
    '',
    `sent: reactions ${summary.reactions} · comments ${summary.comments} · positions ${summary.positions} · ${summary.messagesPerSecond.toFixed(1)} messages/s · comments received by readers ${summary.commentsReceived} · held back (over a reader's live rate) ${summary.commentsHeldBack}`,
    `errors ${summary.errors}${summary.errors > 0 ? ` — ${codes(summary.errorsByCode)}` : ''}`,
    ...summary.errorSamples.map((sample) => `  ${sample}`),
    '',
    ...serverLines(summary.server).map((line) => line.replace('per connected session', 'per connected reader')),
    `load generator: CPU ${generator.cpuSeconds} s (${generator.cpuPercent} % of one core) · event-loop delay p99 ${generator.eventLoopDelayMs.p99} / max ${generator.eventLoopDelayMs.max} ms`,
  ];
  return lines.join('\n');
}
