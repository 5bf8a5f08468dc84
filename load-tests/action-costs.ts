/**
 * Server CPU per step and per join, measured apart (the `story` command's figure mixes them: its
 * readers rejoin at every chapter end). Against a running server (`--target`), from its /metrics:
 *
 *   steps: P players join once, then each steps every T ms until its chapter ends; the server's CPU
 *          over S seconds after everyone joined, divided by the steps answered in that window;
 *   joins: 20 players each re-open their story in a loop (a resumed chapter: no key spent) for S
 *          seconds; the server's CPU per join, each join including its room's dispose on leave;
 *   sign-ups: 3,000 guests, 32 at a time; the server's CPU per sign-up;
 *   first joins: 20 at a time, those guests each open stories they never opened (a chapter's key
 *          spent, progress created, the story's plays counted) for S seconds;
 *   premium steps: 1,000 guests each walked (untimed) to a premium option they can pay for, then
 *          all take it, 20 at a time: the server's CPU per premium step (charge, ledger row, the
 *          writer's share and the step together).
 *
 *   npm run bench:costs -- [--target URL] [--players P] [--period-ms T] [--seconds S]
 */
import { StoryMessage } from '../rooms/story/protocol';
import { freeStep, openStory, readWindowOption, serverCpuSeconds, sleep, stepEvery, type WindowOptions } from './cost-windows';
import { preparePlayers } from './prepare-players';
import { RunStats } from './run-stats';
import type { StorySession } from './story-session';
import { GuestAccount, listStoryIds } from './storyverse-api';

interface Options extends WindowOptions {
  target: string;
}

const JOINING_PLAYERS = 20;
/** Guests signed up before the first-join window: enough for its joins on this machine class. */
const FIRST_JOIN_GUESTS = 3000;
const SIGN_UPS_AT_ONCE = 32;
/** Guests walked to a premium option before the premium-step window. */
const PREMIUM_PLAYERS = 1000;

function parseOptions(argv: string[]): Options {
  const options: Options = { target: 'http://127.0.0.1:2567', players: 1000, periodMs: 3000, seconds: 20 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--target' && value) options.target = value.replace(/\/$/, '');
    else if (!readWindowOption(options, flag, value)) throw new Error(`unknown option ${String(flag)} (options: --target URL --players P --period-ms T --seconds S)`);
  }
  return options;
}

async function measureSteps(options: Options, stories: string[]): Promise<string> {
  const stats = new RunStats();
  let answered = 0;
  let counting = false;
  const joins: Promise<void>[] = [];
  for (let i = 0; i < options.players; i++) {
    joins.push((async () => {
      const session = await openStory(options.target, await GuestAccount.create(options.target), stories[i % stories.length]!, stats);
      void stepEvery(session, options.periodMs, () => counting && answered++);
    })());
    if (i % 50 === 49) await Promise.all(joins.slice(-50));
  }
  await Promise.all(joins);
  await sleep(options.periodMs);
  counting = true;
  const before = await serverCpuSeconds(options.target);
  await sleep(options.seconds * 1000);
  const cpu = (await serverCpuSeconds(options.target)) - before;
  counting = false;
  return `steps: ${options.players} players, one step per ${options.periodMs} ms · ${answered} steps in ${options.seconds} s · server ${(100 * cpu / options.seconds).toFixed(1)} % of one core · ${(1000 * cpu / answered).toFixed(3)} ms CPU per step`;
}

async function measureJoins(options: Options, stories: string[]): Promise<string> {
  const accounts = await Promise.all(Array.from({ length: JOINING_PLAYERS }, () => GuestAccount.create(options.target)));
  const stats = new RunStats();
  const rejoin = async (account: GuestAccount, i: number) => (await openStory(options.target, account, stories[i % stories.length]!, stats)).leave();
  // The first opening spends the chapter's key; the measured ones resume it.
  await Promise.all(accounts.map(rejoin));
  let joins = 0;
  const before = await serverCpuSeconds(options.target);
  const until = performance.now() + options.seconds * 1000;
  await Promise.all(accounts.map(async (account, i) => {
    while (performance.now() < until) {
      await rejoin(account, i);
      joins++;
    }
  }));
  const cpu = (await serverCpuSeconds(options.target)) - before;
  return `joins: ${JOINING_PLAYERS} players re-opening their chapter · ${joins} joins in ${options.seconds} s · ${(1000 * cpu / joins).toFixed(3)} ms CPU per join`;
}

/** Signs up the first joins' guests, SIGN_UPS_AT_ONCE at a time, and says what a sign-up cost the server. */
async function measureSignUps(options: Options): Promise<{ accounts: GuestAccount[]; line: string }> {
  const stats = new RunStats();
  const before = await serverCpuSeconds(options.target);
  const { items: accounts, seconds } = await preparePlayers('guests', FIRST_JOIN_GUESTS, SIGN_UPS_AT_ONCE, () => GuestAccount.create(options.target), stats, {});
  const cpu = (await serverCpuSeconds(options.target)) - before;
  // A refused sign-up would make the figure per sign-up a guess: the bench stops instead.
  if (stats.errors > 0) throw new Error(`${stats.errors} of ${FIRST_JOIN_GUESTS} sign-ups failed: ${stats.errorSamples.join('; ')}`);
  return { accounts, line: `sign-ups: ${accounts.length} guests, ${SIGN_UPS_AT_ONCE} at a time · ${(accounts.length / seconds).toFixed(0)}/s · ${(1000 * cpu / accounts.length).toFixed(3)} ms CPU per sign-up` };
}

async function measureFirstJoins(options: Options, stories: string[], accounts: GuestAccount[]): Promise<string> {
  // Story by story, so the joins running at once are different guests (on release day each new reader is).
  const pairs = stories.flatMap((storyId) => accounts.map((account) => ({ account, storyId })));
  const stats = new RunStats();
  let joins = 0;
  const before = await serverCpuSeconds(options.target);
  const started = performance.now();
  const until = started + options.seconds * 1000;
  await Promise.all(Array.from({ length: JOINING_PLAYERS }, async () => {
    for (let pair = pairs.pop(); pair && performance.now() < until; pair = pairs.pop()) {
      await (await openStory(options.target, pair.account, pair.storyId, stats)).leave();
      joins++;
    }
  }));
  const cpu = (await serverCpuSeconds(options.target)) - before;
  const seconds = (performance.now() - started) / 1000;
  return `first joins: ${JOINING_PLAYERS} at a time, each a story its guest never opened (a key spent) · ${joins} joins in ${seconds.toFixed(1)} s · ${(1000 * cpu / joins).toFixed(3)} ms CPU per first join`;
}

/** Advances (taking free options) until a premium option the guest can pay for is on offer; null when the chapter ends first. */
async function walkToPremium(session: StorySession): Promise<string | null> {
  for (;;) {
    const { status, choices, diamonds } = session.state;
    const premium = choices.find((option) => !option.locked && option.cost > 0 && option.cost <= diamonds);
    if (status === 'choice' && premium) return premium.id;
    const answer = await freeStep(session);
    if (answer?.outcome?.kind !== 'scene') return null;
  }
}

async function measurePremiumSteps(options: Options, stories: string[]): Promise<string> {
  const stats = new RunStats();
  const { items: guests } = await preparePlayers('guests', PREMIUM_PLAYERS, SIGN_UPS_AT_ONCE, () => GuestAccount.create(options.target), stats, {});
  const ready: { session: StorySession; choiceId: string }[] = [];
  const walking = guests.map((account, i) => ({ account, storyId: stories[i % stories.length]! }));
  await Promise.all(Array.from({ length: SIGN_UPS_AT_ONCE }, async () => {
    for (let guest = walking.pop(); guest; guest = walking.pop()) {
      const session = await openStory(options.target, guest.account, guest.storyId, stats);
      const choiceId = await walkToPremium(session);
      if (choiceId) ready.push({ session, choiceId });
      else await session.leave();
    }
  }));
  if (ready.length === 0) throw new Error('no story offered a premium option a new guest can pay for');
  let paid = 0;
  let refused = 0;
  const done: StorySession[] = [];
  const before = await serverCpuSeconds(options.target);
  const started = performance.now();
  await Promise.all(Array.from({ length: JOINING_PLAYERS }, async () => {
    for (let next = ready.pop(); next; next = ready.pop()) {
      const { outcome } = await next.session.act(StoryMessage.choose, { choiceId: next.choiceId });
      if (outcome?.kind === 'scene') paid++;
      else refused++;
      done.push(next.session);
    }
  }));
  const cpu = (await serverCpuSeconds(options.target)) - before;
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(done.map((session) => session.leave()));
  return `premium steps: ${JOINING_PLAYERS} at a time, each guest's first premium option · ${paid} paid (${refused} refused) in ${seconds.toFixed(1)} s · ${(1000 * cpu / paid).toFixed(3)} ms CPU per premium step`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const stories = await listStoryIds(options.target);
  if (stories.length === 0) throw new Error(`${options.target} lists no stories`);
  console.log(await measureJoins(options, stories));
  const signUps = await measureSignUps(options);
  console.log(signUps.line);
  console.log(await measureFirstJoins(options, stories, signUps.accounts));
  // Before the steps: their players go on stepping until their chapters end.
  console.log(await measurePremiumSteps(options, stories));
  console.log(await measureSteps(options, stories));
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench:costs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
