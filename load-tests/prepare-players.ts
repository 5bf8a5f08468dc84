import type { RunHooks } from './run-frame';
import type { RunStats } from './run-stats';
import { RestFailure } from './storyverse-api';
import { JoinFailed } from './story-session';
import { errorText } from './error-text';

/** What was made before a run, and how long it took (not part of the run's timings). */
export interface Prepared<T> {
  items: T[];
  seconds: number;
}

/**
 * Makes `count` players' prerequisites (a guest account, an opened chapter) `concurrency` at a time,
 * before the timed run starts, so a run measures joins and steps alone — a real player registers
 * once, not on every visit. A failure is counted as an error under its code and leaves that player out.
 */
export async function preparePlayers<T>(what: string, count: number, concurrency: number, make: () => Promise<T>, stats: RunStats, hooks: RunHooks): Promise<Prepared<T>> {
  const started = performance.now();
  const items: T[] = [];
  let next = 0;
  let lastLog = started;
  const worker = async () => {
    while (next < count) {
      next++;
      try {
        items.push(await make());
      } catch (error) {
        const code = error instanceof RestFailure || error instanceof JoinFailed ? error.code : 'PREPARE_FAILED';
        stats.error(code, errorText(error));
      }
      if (hooks.log && performance.now() - lastLog > 1000) {
        lastLog = performance.now();
        hooks.log(`preparing ${what}: ${items.length}/${count}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  const seconds = (performance.now() - started) / 1000;
  hooks.log?.(`prepared ${items.length} of ${count} ${what} in ${seconds.toFixed(1)} s`);
  return { items, seconds };
}
