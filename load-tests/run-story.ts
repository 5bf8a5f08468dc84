import { runFrame, type RunHooks } from './run-frame';
import { RunStats } from './run-stats';
import { summarize, type RunSummary } from './run-summary';
import { SeededRandom } from './seeded-random';
import { listStoryIds, TargetUnavailable } from './storyverse-api';
import { SyntheticPlayer } from './synthetic-player';

export interface StoryOptions {
  clients: number;
  thinkMs: number;
  durationS: number;
  rampS: number;
  seed: string;
  /** http(s)://host:port of the server (or the cluster's public origin). */
  target: string;
}

/** `story`: seeded synthetic readers for a fixed time; returns what they measured. */
export async function runStory(options: StoryOptions, hooks: RunHooks = {}): Promise<RunSummary> {
  const stories = await listStoryIds(options.target);
  if (stories.length === 0) throw new TargetUnavailable(`${options.target} publishes no stories to read`);
  const stats = new RunStats();
  // Player i draws from its own stream of the run seed: a seed fixes every player's path.
  const run = await runFrame(options, stats, hooks, (index, stop) =>
    new SyntheticPlayer(SeededRandom.forPlayer(options.seed, index), { target: options.target, stories, thinkMs: options.thinkMs, stats, stop }).run(),
  );
  return summarize(stats, run);
}
