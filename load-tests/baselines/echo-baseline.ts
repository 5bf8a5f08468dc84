import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { LatencyHistogram, type LatencySummary } from '../latency-histogram';

export interface EchoBaselineOptions {
  clients: number;
  /** The message rate to offer, summed over all clients: the story run's, so the comparison is like for like. */
  messagesPerSecond: number;
  durationS: number;
  /** Bytes per message; a `choose` message is about this size on the wire. */
  payloadBytes?: number;
}

export interface EchoFigures {
  clients: number;
  messages: number;
  messagesPerSecond: number;
  /** CPU the echo server process spent during the measured window. */
  cpuSeconds: number;
  cpuMsPerMessage: number | null;
  rttMs: LatencySummary;
}

const SERVER = fileURLToPath(new URL('./echo-server.ts', import.meta.url));

/**
 * Drives a bare uWebSockets.js echo server (its own process) with `clients` WebSockets sending
 * `messagesPerSecond` in all, and measures the server's CPU per echoed message.
 */
export async function runEchoBaseline(options: EchoBaselineOptions): Promise<EchoFigures> {
  const server = spawn(process.execPath, ['--import', 'tsx', SERVER, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await portOf(server);
    const sockets = await Promise.all(Array.from({ length: options.clients }, () => connect(`ws://127.0.0.1:${port}/`)));
    const rtt = new LatencyHistogram();
    const payload = Buffer.alloc(options.payloadBytes ?? 24, 7);
    for (const socket of sockets) socket.on('message', (data: Buffer) => rtt.record(performance.now() - data.readDoubleLE(0)));

    const cpuBefore = await cpuOf(port);
    const started = performance.now();
    const intervalMs = (options.clients / Math.max(options.messagesPerSecond, 0.001)) * 1000;
    const timers = sockets.map((socket, i) => {
      const send = () => {
        payload.writeDoubleLE(performance.now(), 0);
        socket.send(payload);
      };
      // Staggered so the offered load is even, not a burst every interval.
      const start = setTimeout(() => {
        send();
        timers[i] = setInterval(send, intervalMs);
      }, (intervalMs * i) / sockets.length);
      return start;
    });
    await new Promise((resolve) => setTimeout(resolve, options.durationS * 1000));
    for (const timer of timers) clearInterval(timer);
    const elapsedS = (performance.now() - started) / 1000;
    // Let the last echoes arrive before reading the CPU they cost.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cpuSeconds = (await cpuOf(port)) - cpuBefore;
    for (const socket of sockets) socket.terminate();
    const messages = rtt.count;
    return {
      clients: options.clients,
      messages,
      messagesPerSecond: round(messages / elapsedS, 1),
      cpuSeconds: round(cpuSeconds, 3),
      cpuMsPerMessage: messages > 0 ? round((cpuSeconds * 1000) / messages, 4) : null,
      rttMs: rtt.summary(),
    };
  } finally {
    server.kill();
  }
}

/** The port a baseline server (echo, room floor) prints as `{"port":N}` once it listens. */
export async function portOf(server: ChildProcess, name = 'the echo server'): Promise<number> {
  const lines = createInterface({ input: server.stdout! });
  const exited = once(server, 'exit').then(() => {
    throw new Error(`${name} exited before listening`);
  });
  const first = (async () => {
    for await (const line of lines) return (JSON.parse(line) as { port: number }).port;
    throw new Error(`${name} printed no port`);
  })();
  return Promise.race([first, exited]);
}

async function connect(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  await once(socket, 'open');
  return socket;
}

/** A baseline server's CPU seconds so far, from its `GET /cpu`. */
export async function cpuOf(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/cpu`);
  return ((await response.json()) as { cpuSeconds: number }).cpuSeconds;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
