import { STORY_ROOM } from '../rooms/story/protocol';
import { RecordingError } from './recording-format';
import { loadRecordings } from './recording-files';
import { planReplay } from './replay-plan';
import { ReplayPlayer } from './replay-player';
import { runFrame, type MetricsOption, type RunHooks } from './run-frame';
import { RunStats } from './run-stats';
import { summarizeReplay, type ReplaySummary } from './run-summary';

export interface ReplayOptions extends MetricsOption {
  /** Recording files, or folders holding *.jsonl recordings. */
  paths: string[];
  target: string;
  /** Concurrent virtual players; default one per recording. */
  clients?: number;
  /** Recorded timing divided by this; default 1. */
  speed?: number;
  /** Default min(10, duration/4) with a duration, else 0. */
  rampS?: number;
  durationS?: number;
  /** Completed replays to stop after; default `clients` when there is no duration. */
  count?: number;
}

/**
 * `replay`: each virtual player replays recordings one after another (player i takes
 * recordings i, i + clients, …, cycling through the files), each as a new guest, until the count
 * of completed replays or the duration is reached.
 */
export async function runReplay(options: ReplayOptions, hooks: RunHooks = {}): Promise<ReplaySummary> {
  const recordings = await loadRecordings(options.paths);
  const other = recordings.find((recording) => recording.header.room !== STORY_ROOM);
  if (other) throw new RecordingError(other.file, 1, `room "${other.header.room}" cannot be replayed (only recordings of "${STORY_ROOM}" rooms)`);
  const plans = recordings.map(planReplay);
  const clients = options.clients ?? recordings.length;
  const speed = options.speed ?? 1;
  const durationS = options.durationS ?? null;
  let remaining = options.count ?? (durationS === null ? clients : Infinity);
  const stats = new RunStats();
  const run = await runFrame(
    { target: options.target, metrics: options.metrics, clients, durationS, rampS: options.rampS ?? (durationS === null ? 0 : Math.min(10, durationS / 4)) },
    stats,
    hooks,
    async (index, stop) => {
      let connected = false;
      for (let k = 0; !stop.stopped && remaining > 0; k++) {
        remaining--; // claimed before it starts, so the players together never run more than --count
        const which = (index + k * clients) % recordings.length;
        const result = await new ReplayPlayer(recordings[which]!, plans[which]!, { target: options.target, speed, stats, stop }).run();
        if (result === 'failed') remaining++;
        else if (!connected) {
          connected = true;
          stats.playersConnected++;
        }
        if (result === 'stopped') break;
        // A player whose join fails keeps failing: stop it rather than hammer the server.
        if (result === 'failed') break;
      }
    },
    () => `replays ${stats.replays} · diverged ${stats.diverged}`,
  );
  return summarizeReplay(stats, run);
}
