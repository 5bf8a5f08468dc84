import type { EchoFigures } from './echo-baseline';
import type { PgbenchFigures } from './pgbench-baseline';

// The baselines' figures as a run summary carries them: their own file so that the summary
// (load-tests/run-summary.ts) and the code measuring them (measure-baselines.ts, which reads a
// summary) do not import each other.

export interface EchoComparison extends EchoFigures {
  /** StoryVerse's server CPU per message (steady state when the run had one). */
  storyverseCpuMsPerMessage: number | null;
  /** StoryVerse ÷ echo: how many bare echoes one story round trip costs. */
  ratio: number | null;
}

export interface PgbenchComparison extends PgbenchFigures {
  /** Choices and advances per second the run saved (each is one durable progress write). */
  durableWritesPerSecond: number;
  /** durableWritesPerSecond ÷ tps: meaningful when the run saturated the server (`--think-ms 0`). */
  ratio: number;
}

export interface BaselineFigures {
  echo: EchoComparison | null;
  pgbench: PgbenchComparison | null;
}
