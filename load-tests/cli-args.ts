import type { BaselineRequest } from './baselines/measure-baselines';
import type { ReadingOptions } from './run-reading';
import type { ReplayOptions } from './run-replay';
import type { StoryOptions } from './run-story';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'story'; options: StoryOptions; json: boolean; baselines: BaselineRequest }
  | { kind: 'replay'; options: ReplayOptions; json: boolean; baselines: BaselineRequest }
  | { kind: 'reading'; options: ReadingOptions; json: boolean };

/** A command line we will not guess at; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: npm run loadtest -- <command> [options]

  story                      seeded synthetic readers at a human pace, buying nothing
    --clients N              players (default 50)
    --think-ms T             think time before each step, ±30 % jitter (default 3000)
    --duration S             seconds the run lasts, ramp included (default 60)
    --ramp-s R               spread the joins over R seconds (default min(10, duration/4))
    --seed X                 seed of the players' stories, choices and think times (default 1)
    --prepare N              guests registered at once before the run, not timed (default 32)

  replay <files or dirs…>    replay recordings (*.jsonl, version 1), each by a new guest
    --clients N              concurrent virtual players (default: one per recording)
    --speed X                recorded timing divided by X (default 1; 2 = twice as fast)
    --ramp-s R               spread the first joins over R seconds (default min(10, duration/4), else 0)
    --duration S             stop after S seconds
    --count N                stop after N completed replays (default: --clients, without --duration)

  reading                    readers of one chapter together, live (reading rooms)
    --readers N              readers (default 100); each a guest who opened the chapter first (not timed)
    --ramp-s R               spread the reading-room joins over R seconds (default min(60, duration/4))
    --duration S             seconds the run lasts, ramp included (default 60)
    --react-every S          each reader reacts about every S seconds, ±30 % (default 20)
    --comment-every S        each reader comments about every S seconds, ±30 % (default 120)
    --paragraph-s S          seconds a reader stays on a paragraph (default 8)
    --observers N            readers, spread over the rooms, that time the fan-out (default 8)
    --story ID --chapter ID  the chapter (default: the first story's first chapter)
    --prepare N              readers prepared at once before the run (default 32)
    --seed X                 seed of the readers' timings and picks (default 1)
    Fan-out: a probe reaction a second (a comment every fifth) on the chapter's last paragraph,
    which no other reader touches; each observer's sighting is a sample (sent → seen).

  common
    --target URL             the server or the cluster's public origin (default http://127.0.0.1:2567)
    --metrics URL[,URL…]     where to read the server's figures (GET /metrics on each, added up;
                             default the target). A cluster's origin does not serve them: name
                             each game process, e.g. http://127.0.0.1:8101,http://127.0.0.1:8102
    --json                   end stdout with the summary as one JSON line
    --echo-baseline          afterwards, drive a bare uWebSockets.js echo server with the same
                             sockets and message rate; report server CPU per message as a ratio
    --pgbench URL            afterwards, run pgbench -N against URL (a scratch database: pgbench
                             creates its pgbench_* tables there); report saved steps/s ÷ its TPS

Progress goes to stderr once a second; the report (and the JSON line) to stdout.`;

const DEFAULT_TARGET = 'http://127.0.0.1:2567';
const COMMON_FLAGS = ['target', 'metrics', 'json', 'echo-baseline', 'pgbench'];
const STORY_FLAGS = ['clients', 'think-ms', 'duration', 'ramp-s', 'seed', 'prepare', ...COMMON_FLAGS];
const REPLAY_FLAGS = ['clients', 'speed', 'ramp-s', 'duration', 'count', ...COMMON_FLAGS];
const READING_FLAGS = ['readers', 'ramp-s', 'duration', 'react-every', 'comment-every', 'paragraph-s', 'observers', 'story', 'chapter', 'prepare', 'seed', 'target', 'metrics', 'json'];
/** Options that are switches: present or not, no value. */
const SWITCHES = ['json', 'echo-baseline'];

/** Parses `<command> [options]` strictly: unknown options, missing or bad values are UsageErrors. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  if (command === 'story') {
    const { flags, positionals } = splitArgs(rest, STORY_FLAGS);
    if (positionals.length > 0) throw new UsageError(`story takes no arguments (got "${positionals[0]}")`);
    const durationS = positiveNumber(flags, 'duration') ?? 60;
    return {
      kind: 'story',
      json: flags.has('json'),
      baselines: baselines(flags),
      options: {
        clients: wholeNumber(flags, 'clients') ?? 50,
        thinkMs: nonNegativeNumber(flags, 'think-ms') ?? 3000,
        durationS,
        rampS: nonNegativeNumber(flags, 'ramp-s') ?? Math.min(10, durationS / 4),
        seed: flags.get('seed') ?? '1',
        prepareConcurrency: wholeNumber(flags, 'prepare') ?? 32,
        target: target(flags),
        ...metrics(flags),
      },
    };
  }
  if (command === 'replay') {
    const { flags, positionals } = splitArgs(rest, REPLAY_FLAGS);
    if (positionals.length === 0) throw new UsageError('replay needs recording files or folders');
    return {
      kind: 'replay',
      json: flags.has('json'),
      baselines: baselines(flags),
      options: {
        paths: positionals,
        clients: wholeNumber(flags, 'clients'),
        speed: positiveNumber(flags, 'speed'),
        rampS: nonNegativeNumber(flags, 'ramp-s'),
        durationS: positiveNumber(flags, 'duration'),
        count: wholeNumber(flags, 'count'),
        target: target(flags),
        ...metrics(flags),
      },
    };
  }
  if (command === 'reading') {
    const { flags, positionals } = splitArgs(rest, READING_FLAGS);
    if (positionals.length > 0) throw new UsageError(`reading takes no arguments (got "${positionals[0]}")`);
    const durationS = positiveNumber(flags, 'duration') ?? 60;
    const rampS = nonNegativeNumber(flags, 'ramp-s') ?? Math.min(60, durationS / 4);
    if (rampS >= durationS) throw new UsageError(`--ramp-s must be shorter than --duration (${rampS} ≥ ${durationS})`);
    return {
      kind: 'reading',
      json: flags.has('json'),
      options: {
        readers: wholeNumber(flags, 'readers') ?? 100,
        rampS,
        durationS,
        reactEveryS: positiveNumber(flags, 'react-every') ?? 20,
        commentEveryS: positiveNumber(flags, 'comment-every') ?? 120,
        paragraphS: positiveNumber(flags, 'paragraph-s') ?? 8,
        observers: wholeNumber(flags, 'observers') ?? 8,
        storyId: flags.get('story') ?? null,
        chapterId: flags.get('chapter') ?? null,
        prepareConcurrency: wholeNumber(flags, 'prepare') ?? 32,
        seed: flags.get('seed') ?? '1',
        target: target(flags),
        ...metrics(flags),
      },
    };
  }
  throw new UsageError(`unknown command "${command}"`);
}

/** `--name value`, `--name=value` and bare switches (`--json`); anything else starting with `-` is refused. */
function splitArgs(args: readonly string[], allowed: readonly string[]): { flags: Map<string, string>; positionals: string[] } {
  const flags = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!match || name === undefined || !allowed.includes(name)) throw new UsageError(`unknown option ${arg}`);
    if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
    if (SWITCHES.includes(name)) {
      if (match[2] !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, 'true');
      continue;
    }
    const value = match[2] ?? args[++i];
    if (value === undefined || (match[2] === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { flags, positionals };
}

function number(flags: Map<string, string>, name: string, valid: (n: number) => boolean, expected: string): number | undefined {
  const raw = flags.get(name);
  if (raw === undefined) return undefined;
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value) || !valid(value)) throw new UsageError(`--${name} must be ${expected} (got "${raw}")`);
  return value;
}

const wholeNumber = (flags: Map<string, string>, name: string) => number(flags, name, (n) => Number.isInteger(n) && n >= 1 && n <= 100_000, 'a whole number from 1 to 100000');
const positiveNumber = (flags: Map<string, string>, name: string) => number(flags, name, (n) => n > 0, 'a number above 0');
const nonNegativeNumber = (flags: Map<string, string>, name: string) => number(flags, name, (n) => n >= 0, 'a number, 0 or more');

function baselines(flags: Map<string, string>): BaselineRequest {
  const pgbenchUrl = flags.get('pgbench') ?? null;
  if (pgbenchUrl !== null && !/^postgres(ql)?:\/\//.test(pgbenchUrl)) throw new UsageError(`--pgbench must be a postgres:// URL (got "${pgbenchUrl}")`);
  return { echo: flags.has('echo-baseline'), pgbenchUrl };
}

/** `--metrics a,b`: each an http(s) origin; absent, the run reads the target's. */
function metrics(flags: Map<string, string>): { metrics?: string[] } {
  const raw = flags.get('metrics');
  if (raw === undefined) return {};
  const origins = raw.split(',').map((part) => httpOrigin('--metrics', part.trim()));
  return { metrics: origins };
}

function target(flags: Map<string, string>): string {
  return httpOrigin('--target', flags.get('target') ?? DEFAULT_TARGET);
}

function httpOrigin(flag: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} must be an http(s) URL (got "${raw}")`);
  return url.origin;
}
