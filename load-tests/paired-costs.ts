/**
 * Server CPU per step and per resumed join of two (or more) servers measured side by side: one
 * generator loads all of them at once, so a slow minute of the machine — this VM's runs of one commit
 * spread ±15 % — falls on every server alike, and their ratio holds where two runs one after another
 * could not tell them apart. Give each server its own fresh database; swap their ports between
 * rounds. The windows are `bench:costs`' step and join windows (README), against every target:
 *
 *   steps: P players per server join once, then each steps every T ms until its chapter ends; each
 *          server's CPU over S seconds, divided by the steps it answered in that window;
 *   joins: 10 players per server re-open their story in a loop for S seconds (resumed chapters).
 *
 *   npm run bench:pair -- --targets URL_A,URL_B [--players P] [--period-ms T] [--seconds S]
 */
import { openStory, readWindowOption, serverCpuSeconds, sleep, stepEvery, type WindowOptions } from './cost-windows';
import { RunStats } from './run-stats';
import type { StorySession } from './story-session';
import { GuestAccount, listStoryIds } from './storyverse-api';

interface Options extends WindowOptions {
  targets: string[];
}

const JOINING_PLAYERS = 10;
/** Players join in rounds of this many per server, every server in each round. */
const JOIN_ROUND = 25;

function parseOptions(argv: string[]): Options {
  const options: Options = { targets: [], players: 600, periodMs: 3000, seconds: 20 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--targets' && value) options.targets = value.split(',').map((target) => target.trim().replace(/\/$/, ''));
    else if (!readWindowOption(options, flag, value)) throw new Error(`unknown option ${String(flag)} (options: --targets URL,URL --players P --period-ms T --seconds S)`);
  }
  if (options.targets.length < 2 || options.targets.some((target) => !/^https?:\/\/\S+$/.test(target))) throw new Error('--targets needs two or more http(s) URLs, comma-separated');
  return options;
}

/** CPU seconds each target spent while `work` ran, in the targets' order. */
async function cpuDuring(targets: string[], work: () => Promise<void>): Promise<number[]> {
  const before = await Promise.all(targets.map(serverCpuSeconds));
  await work();
  const after = await Promise.all(targets.map(serverCpuSeconds));
  return after.map((cpu, i) => cpu - before[i]!);
}

/** One line per target: its figure, and its ratio to the first target's. */
function lines(what: string, targets: string[], counts: number[], cpu: number[]): string {
  const perAction = cpu.map((seconds, i) => (1000 * seconds) / counts[i]!);
  return targets.map((target, i) => `${what} · ${target} · ${counts[i]} in the window · ${perAction[i]!.toFixed(3)} ms CPU each · ×${(perAction[i]! / perAction[0]!).toFixed(3)} the first`).join('\n');
}

async function measureSteps(options: Options, stories: string[][]): Promise<string> {
  const { targets, players, periodMs, seconds } = options;
  const stats = new RunStats();
  const answered = targets.map(() => 0);
  let counting = false;
  const sessions: { target: number; session: StorySession }[] = [];
  for (let first = 0; first < players; first += JOIN_ROUND) {
    const round = Math.min(JOIN_ROUND, players - first);
    await Promise.all(targets.flatMap((url, target) => Array.from({ length: round }, async (_, j) => {
      const storyIds = stories[target]!;
      sessions.push({ target, session: await openStory(url, await GuestAccount.create(url), storyIds[(first + j) % storyIds.length]!, stats) });
    })));
  }
  for (const { target, session } of sessions) void stepEvery(session, periodMs, () => counting && answered[target]!++);
  await sleep(periodMs);
  counting = true;
  const cpu = await cpuDuring(targets, async () => { await sleep(seconds * 1000); });
  counting = false;
  return lines(`steps (${players} players a server, one step per ${periodMs} ms)`, targets, answered, cpu);
}

async function measureJoins(options: Options, stories: string[][]): Promise<string> {
  const stats = new RunStats();
  const joins = options.targets.map(() => 0);
  const players = await Promise.all(options.targets.map(async (url, target) => {
    const accounts = await Promise.all(Array.from({ length: JOINING_PLAYERS }, () => GuestAccount.create(url)));
    const rejoin = async (i: number) => (await openStory(url, accounts[i]!, stories[target]![i % stories[target]!.length]!, stats)).leave();
    // The first opening spends the chapter's key; the measured ones resume it.
    await Promise.all(accounts.map((_, i) => rejoin(i)));
    return { accounts, rejoin };
  }));
  const until = performance.now() + options.seconds * 1000;
  const cpu = await cpuDuring(options.targets, async () => {
    await Promise.all(players.flatMap(({ accounts, rejoin }, target) => accounts.map(async (_, i) => {
      while (performance.now() < until) {
        await rejoin(i);
        joins[target]!++;
      }
    })));
  });
  return lines(`resumed joins (${JOINING_PLAYERS} players a server, in a loop)`, options.targets, joins, cpu);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const stories = await Promise.all(options.targets.map(listStoryIds));
  const empty = options.targets.find((_, i) => stories[i]!.length === 0);
  if (empty) throw new Error(`${empty} lists no stories`);
  console.log(await measureJoins(options, stories));
  console.log(await measureSteps(options, stories));
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench:pair: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
