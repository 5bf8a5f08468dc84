/**
 * The load tool: `npm run loadtest -- story|replay|reading [options]` (see USAGE in cli-args).
 * Progress goes to stderr, the report and the `--json` line to stdout. Exit 0 after any run —
 * errors the players met are figures, not failures of the tool; 2 for a bad command line or a bad
 * recording; 1 when the tool itself breaks.
 */
import { measureBaselines } from './baselines/measure-baselines';
import { PgbenchUnavailable } from './baselines/pgbench-baseline';
import { parseCliArgs, USAGE, UsageError, type CliCommand } from './cli-args';
import { decodeSchemaStringsFlat } from './flat-schema-strings';
import { RecordingError } from './recording-format';
import { formatReport } from './report-table';
import { formatReadingReport } from './reading-report';
import { runReading } from './run-reading';
import { runReplay } from './run-replay';
import { runStory } from './run-story';
import type { RunSummary } from './run-summary';
import { TargetUnavailable } from './storyverse-api';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  decodeSchemaStringsFlat();
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    log(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'reading') {
    const o = command.options;
    const title = `reading · ${o.readers} readers · ramp ${o.rampS} s · react every ${o.reactEveryS} s · comment every ${o.commentEveryS} s · ${o.durationS} s · ${o.target}`;
    log(title);
    const reading = await runReading(o, { log });
    process.stdout.write(`${formatReadingReport(title, reading)}\n`);
    if (command.json) process.stdout.write(`${JSON.stringify(reading)}\n`);
    return 0;
  }
  let title: string;
  let summary: RunSummary;
  if (command.kind === 'story') {
    const o = command.options;
    title = `story · ${o.clients} players · think ${o.thinkMs} ms ±30 % · ${o.durationS} s (ramp ${o.rampS} s) · seed ${o.seed} · ${o.target}`;
    log(title);
    summary = await runStory(o, { log });
  } else {
    const o = command.options;
    const players = o.clients === undefined ? 'one player per recording' : `${o.clients} players`;
    title = `replay · ${o.paths.join(' ')} · ${players} · speed ${o.speed ?? 1} · ${o.target}`;
    log(title);
    try {
      summary = await runReplay(o, { log });
    } catch (error) {
      if (!(error instanceof RecordingError)) throw error;
      log(error.message);
      return 2;
    }
  }
  if (command.baselines.echo || command.baselines.pgbenchUrl !== null) {
    try {
      summary = { ...summary, baselines: await measureBaselines(command.baselines, summary, log) };
    } catch (error) {
      if (!(error instanceof PgbenchUnavailable)) throw error;
      log(error.message);
    }
  }
  process.stdout.write(`${formatReport(title, summary)}\n`);
  if (command.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  // Exit explicitly: sockets still closing must not hold the report back.
  (code) => process.exit(code),
  (error: unknown) => {
    // An unusable target is said in one line; anything else is our bug, so the stack helps.
    const detail = error instanceof TargetUnavailable ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`load tool failed: ${detail}`);
    process.exit(1);
  },
);
