/**
 * What this machine charges for the things a story step is made of, so figures of different days
 * can be told apart from the code's changes (the same commit's costs moved 2× between sessions):
 *
 *   a plain system call (a 64-byte write to /dev/null), a TCP round trip inside one process, and a
 *   TCP round trip to another process (its wake-up is what every database query and every socket
 *   message pays), each as wall time and as this process's CPU per round trip.
 *
 *   npm run -s bench:machine
 */
import { fork } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const ROUND_TRIPS = 20_000;
const PAYLOAD = Buffer.alloc(64);

interface Cost {
  wallUs: number;
  userUs: number;
  systemUs: number;
}

function systemCalls(count: number): Cost {
  const fd = openSync('/dev/null', 'w');
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) writeSync(fd, PAYLOAD);
  const cost = costOf(started, cpu, count);
  closeSync(fd);
  return cost;
}

/** Echo over TCP to `port`, one message in flight: the cost of each round trip on this side. */
function pingPong(port: number): Promise<Cost> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      let answered = 0;
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      socket.on('data', () => {
        if (++answered < ROUND_TRIPS) return void socket.write(PAYLOAD);
        resolve(costOf(started, cpu, ROUND_TRIPS));
        socket.destroy();
      });
      socket.write(PAYLOAD);
    });
    socket.setNoDelay(true);
    socket.on('error', reject);
  });
}

function echoServer(): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => { s.setNoDelay(true); s.on('data', (d) => s.write(d)); });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function costOf(started: bigint, cpu: NodeJS.CpuUsage, count: number): Cost {
  const used = process.cpuUsage(cpu);
  return { wallUs: Number(process.hrtime.bigint() - started) / 1000 / count, userUs: used.user / count, systemUs: used.system / count };
}

const line = (what: string, cost: Cost) =>
  `${what.padEnd(34)} ${cost.wallUs.toFixed(2).padStart(8)} µs wall · ${cost.userUs.toFixed(2).padStart(7)} µs user · ${cost.systemUs.toFixed(2).padStart(7)} µs system`;

async function main(): Promise<void> {
  if (process.argv[2] === '--echo') {
    const server = await echoServer();
    process.send?.((server.address() as net.AddressInfo).port);
    return;
  }
  console.log(line('system call (write /dev/null)', systemCalls(200_000)));
  const local = await echoServer();
  console.log(line('TCP round trip, same process', await pingPong((local.address() as net.AddressInfo).port)));
  local.close();
  const child = fork(fileURLToPath(import.meta.url), ['--echo'], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  console.log(line('TCP round trip, another process', await pingPong(port)));
  child.kill();
}

main().catch((error: unknown) => {
  console.error(`bench:machine: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
