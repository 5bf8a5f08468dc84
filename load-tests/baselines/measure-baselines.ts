import type { RunSummary } from '../run-summary';
import type { BaselineFigures } from './baseline-figures';
import { runEchoBaseline } from './echo-baseline';
import { runPgbench } from './pgbench-baseline';

/** What `--echo-baseline` and `--pgbench URL` ask for. */
export interface BaselineRequest {
  echo: boolean;
  pgbenchUrl: string | null;
}

const ECHO_SECONDS_MAX = 20;
const PGBENCH_CLIENTS = 10; // the size of StoryVerse's database pool
const PGBENCH_SECONDS = 15;

/** Runs after the story or replay run, so the baselines do not share the machine with it. */
export async function measureBaselines(request: BaselineRequest, summary: RunSummary, log: (line: string) => void): Promise<BaselineFigures> {
  const figures: BaselineFigures = { echo: null, pgbench: null };
  if (request.echo) {
    const durationS = Math.min(ECHO_SECONDS_MAX, Math.max(5, summary.durationS));
    log(`echo baseline: ${summary.clients} sockets · ${summary.messagesPerSecond} messages/s · ${durationS} s against a bare uWebSockets.js echo`);
    const echo = await runEchoBaseline({ clients: Math.max(1, summary.clients), messagesPerSecond: Math.max(1, summary.messagesPerSecond), durationS });
    const storyverse = summary.server?.steady?.cpuMsPerMessage ?? summary.server?.cpuMsPerMessage ?? null;
    const ratio = storyverse !== null && echo.cpuMsPerMessage ? Math.round((storyverse / echo.cpuMsPerMessage) * 10) / 10 : null;
    figures.echo = { ...echo, storyverseCpuMsPerMessage: storyverse, ratio };
  }
  if (request.pgbenchUrl !== null) {
    log(`pgbench -N: ${PGBENCH_CLIENTS} clients · ${PGBENCH_SECONDS} s`);
    const pgbench = await runPgbench(request.pgbenchUrl, { clients: PGBENCH_CLIENTS, durationS: PGBENCH_SECONDS });
    const durableWritesPerSecond = summary.durationS > 0 ? Math.round(((summary.choices + summary.advances) / summary.durationS) * 10) / 10 : 0;
    figures.pgbench = { ...pgbench, durableWritesPerSecond, ratio: Math.round((durableWritesPerSecond / pgbench.tps) * 100) / 100 };
  }
  return figures;
}
