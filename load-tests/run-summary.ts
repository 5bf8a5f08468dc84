import type { BaselineFigures } from './baselines/baseline-figures';
import type { GeneratorFigures } from './generator-figures';
import type { LatencySummary } from './latency-histogram';
import type { RunStats } from './run-stats';
import type { ServerFigures } from './server-metrics';

/** What a run found; `--json` prints it as the last line of stdout. */
export interface RunSummary {
  /** Players that joined a session at least once. */
  clients: number;
  /** Errors of every kind: refusals, failed joins, unexpected disconnects, unanswered messages, diverged replays. */
  errors: number;
  errorsByCode: Record<string, number>;
  /** `choose` round trips that ended in a new scene. */
  choices: number;
  /** `advance` round trips that ended in a new scene. */
  advances: number;
  choiceRttMs: LatencySummary;
  /** Choice round trips sent after the ramp (every player joined): the steady state. */
  choiceRttAfterRampMs: LatencySummary;
  advanceRttMs: LatencySummary;
  /** `next` round trips: a chapter's end into the next chapter in the same room (no join). */
  nextChapters: number;
  nextChapterRttMs: LatencySummary;
  joinMs: LatencySummary;
  joins: number;
  /** Messages the players sent per second (each is one round trip for the server). */
  messagesPerSecond: number;
  /** State patches and room messages the players received per second. */
  messagesReceivedPerSecond: number;
  durationS: number;
  /** Figures from the server's /metrics; null when it does not expose them. */
  server: ServerFigures | null;
  /** The load generator's CPU and event-loop delay: how far its own timing can be trusted. */
  generator: GeneratorFigures;
  /** Players that stopped because no chapter they could open was left (NO_KEYS); not errors. */
  playersLocked: number;
  /** The first error of each code, in words. */
  errorSamples: string[];
  /** `story`: the guests registered before the timed run (their time is in no other figure). */
  prepared?: { players: number; of: number; seconds: number };
  /** This machine's limits measured after the run, when asked (`--echo-baseline`, `--pgbench`). */
  baselines?: BaselineFigures;
}

export interface ReplaySummary extends RunSummary {
  /** Replays that ran to the end of their recording and were compared with it. */
  replays: number;
  /** Of those, the ones whose scenes or refusals differed from the recording. */
  diverged: number;
  /** Refusals the recordings contained and the replays met again (not errors). */
  refusalsByCode: Record<string, number>;
}

export interface MeasuredRun {
  durationS: number;
  server: ServerFigures | null;
  generator: GeneratorFigures;
}

export function summarize(stats: RunStats, { durationS, server, generator }: MeasuredRun): RunSummary {
  const perSecond = (count: number) => (durationS > 0 ? Math.round((count / durationS) * 10) / 10 : 0);
  return {
    clients: stats.playersConnected,
    errors: stats.errors,
    errorsByCode: Object.fromEntries([...stats.errorsByCode].sort(([a], [b]) => a.localeCompare(b))),
    choices: stats.choiceRttMs.count,
    advances: stats.advanceRttMs.count,
    choiceRttMs: stats.choiceRttMs.summary(),
    choiceRttAfterRampMs: stats.choiceRttAfterRampMs.summary(),
    advanceRttMs: stats.advanceRttMs.summary(),
    nextChapters: stats.nextChapterRttMs.count,
    nextChapterRttMs: stats.nextChapterRttMs.summary(),
    joinMs: stats.joinMs.summary(),
    joins: stats.joinMs.count,
    messagesPerSecond: perSecond(stats.messagesSent),
    messagesReceivedPerSecond: perSecond(stats.messagesReceived),
    durationS: Math.round(durationS * 10) / 10,
    server,
    generator,
    playersLocked: stats.playersLocked,
    errorSamples: [...stats.errorSamples],
  };
}

export function summarizeReplay(stats: RunStats, run: MeasuredRun): ReplaySummary {
  return {
    ...summarize(stats, run),
    replays: stats.replays,
    diverged: stats.diverged,
    refusalsByCode: Object.fromEntries(stats.refusalsByCode),
  };
}
