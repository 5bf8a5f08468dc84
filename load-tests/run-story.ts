import { runFrame, type MetricsOption, type RunHooks } from './run-frame';
import { RunStats } from './run-stats';
import { summarize, type RunSummary } from './run-summary';
import { SeededRandom } from './seeded-random';
import { preparePlayers } from './prepare-players';
import { GuestAccount, listStoryIds, TargetUnavailable } from './storyverse-api';
import { SyntheticPlayer } from './synthetic-player';

export interface StoryOptions extends MetricsOption {
  clients: number;
  thinkMs: number;
  durationS: number;
  rampS: number;
  seed: string;
  /** Guests registered at once before the timed run. */
  prepareConcurrency: number;
  /** http(s)://host:port of the server (or the cluster's public origin). */
  target: string;
}

/** `story`: seeded synthetic readers for a fixed time; returns what they measured. */
export async function runStory(options: StoryOptions, hooks: RunHooks = {}): Promise<RunSummary> {
  const stories = await listStoryIds(options.target);
  if (stories.length === 0) throw new TargetUnavailable(`${options.target} publishes no stories to read`);
  const stats = new RunStats();
  // Each player's guest account exists before the clock starts: the run times joins and steps, not sign-ups.
  const guests = await preparePlayers('guests', options.clients, options.prepareConcurrency, () => GuestAccount.create(options.target), stats, hooks);
  // Player i draws from its own stream of the run seed: a seed fixes every player's path.
  const run = await runFrame({ ...options, clients: guests.items.length }, stats, hooks, (index, stop) =>
    new SyntheticPlayer(SeededRandom.forPlayer(options.seed, index), { target: options.target, stories, thinkMs: options.thinkMs, stats, stop }).run(guests.items[index]!),
  );
  return { ...summarize(stats, run), prepared: { players: guests.items.length, of: options.clients, seconds: guests.seconds } };
}
