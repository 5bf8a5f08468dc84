import { watchGenerator, type GeneratorFigures } from './generator-figures';
import { startProgressLine } from './progress-line';
import type { RunStats } from './run-stats';
import { readServersMetrics, serverFigures, type ServerFigures, type ServerSample } from './server-metrics';
import { StopSignal } from './stop-signal';

export interface RunHooks {
  /** Where the live progress line goes; the CLI passes stderr, tests pass nothing. */
  log?: (line: string) => void;
}

/** Where a run reads the server's figures: each process's `GET /metrics`, added up (a cluster's origin serves none). */
export interface MetricsOption {
  /** Origins of the processes to scrape; unset: the target. */
  metrics?: string[];
}

export interface FrameOptions extends MetricsOption {
  target: string;
  clients: number;
  /** Player i starts at i × rampS / clients seconds. */
  rampS: number;
  /** Stop after this long; null: when every player has finished by itself. */
  durationS: number | null;
}

/** How long players get to finish their last round trip and leave once the run stops. */
const WIND_DOWN_MS = 20_000;
interface SteadyScrape {
  sample: ServerSample | null;
  at: number;
  messagesSent: number;
}

/** The steady state starts this long after the last player joined (their first steps settle). */
const SETTLE_MS = 2000;

/**
 * What `story` and `replay` share: server figures before, players started over the ramp, a live
 * progress line, the stop at the deadline (server figures read first, while every session is
 * still open, so heap per session means something), then every player leaves.
 */
export async function runFrame(
  options: FrameOptions,
  stats: RunStats,
  hooks: RunHooks,
  startPlayer: (index: number, stop: StopSignal) => Promise<void>,
  progressExtra?: () => string,
): Promise<{ durationS: number; server: ServerFigures | null; generator: GeneratorFigures }> {
  const stop = new StopSignal();
  const metrics = options.metrics ?? [options.target];
  const before = await readServersMetrics(metrics);
  const started = performance.now();
  stats.rampEndsAt = started + options.rampS * 1000;
  const generatorWatch = watchGenerator();
  const progress = hooks.log ? startProgressLine(stats, hooks.log, progressExtra) : null;
  // A second scrape once everyone is in: CPU per message without the join ramp in it.
  const steady: { scrape: SteadyScrape | null } = { scrape: null };
  const steadyTimer = setTimeout(() => {
    const at = performance.now();
    const messagesSent = stats.messagesSent;
    void readServersMetrics(metrics).then((sample) => (steady.scrape = { sample, at, messagesSent }));
  }, options.rampS * 1000 + SETTLE_MS);
  const runs: Promise<void>[] = [];
  const launched = (async () => {
    for (let index = 0; index < options.clients && !stop.stopped; ) {
      // Every player whose time has come starts now, then one sleep until the next: a sleep per
      // player would let the ramp run only as fast as the event loop turns, which falls behind
      // when this process is busy (10,000 readers' sockets) — the ramp the run asked for, not the loop's.
      const wait = started + (index * options.rampS * 1000) / options.clients - performance.now();
      if (wait > 0) {
        await stop.sleep(wait);
        continue;
      }
      runs.push(startPlayer(index, stop).catch((error: unknown) => stats.error('PLAYER_FAILED', error instanceof Error ? error.stack : String(error))));
      index++;
    }
  })();
  const everyoneDone = launched.then(() => Promise.all(runs));
  let deadline: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => {
    if (options.durationS !== null) deadline = setTimeout(resolve, options.durationS * 1000);
  });
  await Promise.race([timeUp, everyoneDone]);
  clearTimeout(deadline);
  clearTimeout(steadyTimer);
  const durationS = (performance.now() - started) / 1000;
  const generator = generatorWatch.stop();
  progress?.stop();
  const connectedAtEnd = stats.connected;
  const after = await readServersMetrics(metrics);
  stop.stop();
  let windDown: NodeJS.Timeout | undefined;
  await Promise.race([everyoneDone, new Promise((resolve) => (windDown = setTimeout(resolve, WIND_DOWN_MS)))]);
  clearTimeout(windDown);
  const scrape = steady.scrape;
  const steadyWindow = scrape && { start: scrape.sample, durationS: (started + durationS * 1000 - scrape.at) / 1000, messagesSent: stats.messagesSent - scrape.messagesSent };
  return { durationS, generator, server: serverFigures(before, after, { durationS, messagesSent: stats.messagesSent, connectedAtEnd, steady: steadyWindow, processes: metrics.length }) };
}
