/**
 * What `bench:costs` and `bench:pair` share: a guest's story opened through the load tool's own
 * instrumented room, the free step a measured player takes, the server's CPU counter, and (with
 * `bench:floor`) the options of a measured window.
 */
import { StoryMessage } from '../rooms/story/protocol';
import type { RunStats } from './run-stats';
import { readServerMetrics } from './server-metrics';
import { StorySession } from './story-session';
import type { GuestAccount } from './storyverse-api';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A measured window: P players, one step every T ms each, S seconds. */
export interface WindowOptions {
  players: number;
  periodMs: number;
  seconds: number;
}

const WINDOW_FLAGS = { '--players': 'players', '--period-ms': 'periodMs', '--seconds': 'seconds' } as const;

/**
 * Reads `--players`, `--period-ms` or `--seconds` into `options`; false for any other flag (the
 * benchmark's own, or an unknown one). A value that is not a positive whole number is refused.
 */
export function readWindowOption(options: WindowOptions, flag: string | undefined, value: string | undefined): boolean {
  if (flag === undefined || !Object.hasOwn(WINDOW_FLAGS, flag)) return false;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${flag} needs a positive whole number, got ${String(value)}`);
  options[WINDOW_FLAGS[flag as keyof typeof WINDOW_FLAGS]] = number;
  return true;
}

/** The server's CPU seconds so far, from its /metrics (the costs are read from its own counter). */
export async function serverCpuSeconds(target: string): Promise<number> {
  const sample = await readServerMetrics(target);
  if (!sample) throw new Error(`${target}/metrics does not answer: the costs are read from the server's own CPU counter`);
  return sample.cpuSeconds;
}

/** A guest's session in a story, through the load tool's own instrumented room (first scene awaited). */
export async function openStory(target: string, account: GuestAccount, storyId: string, stats: RunStats): Promise<StorySession> {
  return StorySession.open(target, await account.accessToken(), { storyId }, stats);
}

/** One free step: advance, or the first free unlocked option; null when there is none (the chapter ended). */
export function freeStep(session: StorySession): ReturnType<StorySession['act']> | null {
  const { status, choices } = session.state;
  const free = choices.find((option) => !option.locked && option.cost === 0);
  return status === 'playing' ? session.act(StoryMessage.advance, {})
    : status === 'choice' && free ? session.act(StoryMessage.choose, { choiceId: free.id })
    : null;
}

/** One step every `periodMs` until the chapter ends: advance, or the first free unlocked option. */
export async function stepEvery(session: StorySession, periodMs: number, onAnswer: () => void): Promise<void> {
  // Spread the players over the period so the load is even.
  await sleep(Math.random() * periodMs);
  for (;;) {
    const answer = await freeStep(session);
    if (!answer) return;
    if (answer.outcome?.kind === 'scene') onAnswer();
    await sleep(periodMs);
  }
}
