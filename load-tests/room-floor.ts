/**
 * The floor under `bench:costs`' step figure: what a Colyseus room costs the server per message when it
 * does only what any room must (take the message, write its state, send the patch), beside a bare
 * uWebSockets.js echo at the same sockets and rate, measured in the same run. Each shape of
 * `baselines/room-floor-server.ts` runs in a fresh process: P players each send a message every T ms
 * (spread over the period); the server's CPU over S seconds, divided by the patches answered. Then the
 * join floor: 20 players each making a `scene` room, joining and leaving it, in a loop.
 *
 *   npm run -s bench:floor -- [--players P] [--period-ms T] [--seconds S] [--database URL]
 *
 * Without --database the `scene+db` shape is left out.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client, type Room } from 'colyseus.js';
import { cpuOf, portOf, runEchoBaseline } from './baselines/echo-baseline';
import { FLOOR_SHAPES, type FloorShape } from './baselines/room-floor-server';
import { readWindowOption, sleep, type WindowOptions } from './cost-windows';

export interface FloorOptions extends WindowOptions {
  database: string | null;
}

const SERVER = fileURLToPath(new URL('./baselines/room-floor-server.ts', import.meta.url));
const JOINS_AT_ONCE = 50;
/** As in bench:costs' joins window. */
const JOINING_PLAYERS = 20;

function parseOptions(argv: string[]): FloorOptions {
  const options: FloorOptions = { players: 1000, periodMs: 3000, seconds: 20, database: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--database' && value) options.database = value;
    else if (!readWindowOption(options, flag, value)) throw new Error(`unknown option ${String(flag)} (options: --players P --period-ms T --seconds S --database URL)`);
  }
  return options;
}

/** A shape's server in its own process: a client of its rooms and its CPU counter. */
async function startServer(shape: FloorShape, options: FloorOptions) {
  const server = spawn(process.execPath, ['--import', 'tsx', SERVER, shape, options.database ?? ''], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await portOf(server, 'the room floor server');
    return { client: new Client(`ws://127.0.0.1:${port}`), cpu: () => cpuOf(port), stop: () => server.kill() };
  } catch (error) {
    server.kill();
    throw error;
  }
}

/** The server's CPU per event over a window of `seconds`, `count` reading how many happened so far. */
async function perEvent(cpu: () => Promise<number>, count: () => number, seconds: number): Promise<{ perSecond: number; cpuMs: number }> {
  const [cpuBefore, before, started] = [await cpu(), count(), performance.now()];
  await sleep(seconds * 1000);
  const [cpuSeconds, events, elapsedS] = [(await cpu()) - cpuBefore, count() - before, (performance.now() - started) / 1000];
  return { perSecond: events / elapsedS, cpuMs: (1000 * cpuSeconds) / events };
}

/** P players each sending a message every T ms: the server's CPU per patch answered. */
export async function measureMessages(shape: FloorShape, options: FloorOptions): Promise<{ perSecond: number; cpuMs: number }> {
  const server = await startServer(shape, options);
  const rooms: Room[] = [];
  const timers: ReturnType<typeof setTimeout>[] = [];
  try {
    while (rooms.length < options.players) {
      const count = Math.min(JOINS_AT_ONCE, options.players - rooms.length);
      rooms.push(...(await Promise.all(Array.from({ length: count }, () => server.client.create('floor')))));
    }
    let answered = 0;
    for (const [i, room] of rooms.entries()) {
      room.onStateChange(() => answered++);
      timers.push(setTimeout(() => timers.push(setInterval(() => room.send('step'), options.periodMs)), (options.periodMs * i) / rooms.length));
    }
    await sleep(options.periodMs + 1000);
    return await perEvent(server.cpu, () => answered, options.seconds);
  } finally {
    for (const timer of timers) clearInterval(timer);
    for (const room of rooms) room.connection.close();
    server.stop();
  }
}

/** JOINING_PLAYERS players each creating a room (a scene's state), joining it and leaving, in a loop: the server's CPU per join. */
export async function measureJoins(options: FloorOptions): Promise<{ perSecond: number; cpuMs: number }> {
  const server = await startServer('scene', options);
  let joins = 0;
  let running = true;
  const loop = async () => {
    while (running) {
      const room = await server.client.create('floor');
      joins++;
      await room.leave(true);
    }
  };
  const loops = Array.from({ length: JOINING_PLAYERS }, loop);
  try {
    await sleep(2000);
    return await perEvent(server.cpu, () => joins, options.seconds);
  } finally {
    running = false;
    await Promise.allSettled(loops);
    server.stop();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const shapes = FLOOR_SHAPES.filter((shape) => shape !== 'scene+db' || options.database !== null);
  console.log(`room floor: ${options.players} players, a message every ${options.periodMs} ms each, ${options.seconds} s per shape`);
  const rows: { shape: string; perSecond: number; cpuMs: number }[] = [];
  for (const shape of shapes) rows.push({ shape, ...(await measureMessages(shape, options)) });
  const rate = rows[0]!.perSecond;
  const echo = await runEchoBaseline({ clients: options.players, messagesPerSecond: rate, durationS: options.seconds });
  const joins = await measureJoins(options);
  const echoMs = echo.cpuMsPerMessage ?? NaN;
  rows.push({ shape: 'bare uWS echo', perSecond: echo.messagesPerSecond, cpuMs: echoMs });
  for (const row of rows) console.log(`${row.shape.padEnd(14)} ${row.perSecond.toFixed(0).padStart(6)} messages/s · ${row.cpuMs.toFixed(3)} ms CPU per message · ${(row.cpuMs / echoMs).toFixed(2)}× the echo`);
  console.log(`join (scene)   ${joins.perSecond.toFixed(0).padStart(6)} joins/s · ${joins.cpuMs.toFixed(3)} ms CPU per join (a room made, joined, left: ${JOINING_PLAYERS} players in a loop)`);
}

// Run as bench:floor; imported (its test), it only lends its windows.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench:floor: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
