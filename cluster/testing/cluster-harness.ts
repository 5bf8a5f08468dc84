/**
 * A real cluster for tests, as child processes the test controls: a private redis-server (so it
 * can be restarted without touching the machine's shared Redis), a TCP proxy in front of the
 * machine's PostgreSQL (cut and restored like a database restart) with a scratch database, and
 * StoryVerse processes started with `node --import tsx server/main.ts` — the same entry PM2 runs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../rooms/shared/free-port';
import { readJsonResponse, type JsonResponse } from '../../testing/json-response';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export { freePort };

/** A port P such that P..P+12 are all free (a cluster's origin, the sidecars at +1..+3, two games at +11, +12). */
export async function freeBlock(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all([0, 1, 2, 3, 11, 12].map((offset) => isFree(base + offset)));
    if (free.every(Boolean)) return base;
  }
  return freePort();
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a truthy value; throws with `what` after the timeout. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/** One command through redis-cli; returns its raw output. */
export function redisCommand(port: number, ...args: string[]): string {
  const result = spawnSync('redis-cli', ['-p', String(port), '--raw', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`redis-cli failed: ${result.stderr}`);
  return result.stdout;
}

/** A hash in a Redis, read with redis-cli (no client library needed). */
export function redisHash(port: number, key: string): Record<string, string> {
  const result = spawnSync('redis-cli', ['-p', String(port), '--raw', 'hgetall', key], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`redis-cli failed: ${result.stderr}`);
  const lines = result.stdout.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
  const hash: Record<string, string> = {};
  for (let i = 0; i + 1 < lines.length; i += 2) hash[lines[i]!] = lines[i + 1]!;
  return hash;
}

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A redis-server of our own on a free port, without persistence (a restart empties it, like a fresh node). */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually('redis-server to accept connections', () => canConnect(this.port), 10_000, 50);
  }

  /** Stops it hard (no goodbye to the clients), as a crash or a restart would. */
  async down(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async restart(pauseMs = 1000): Promise<void> {
    await this.down();
    await sleep(pauseMs);
    await this.up();
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A TCP proxy to PostgreSQL. `cut()` drops every connection and refuses new ones (what clients see
 * while PostgreSQL restarts); `restore()` accepts again on the same port.
 */
export class PgProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private frozen = false;
  private constructor(readonly port: number, private readonly target: { host: string; port: number }) {}

  static async start(targetUrl: string): Promise<PgProxy> {
    const target = new URL(targetUrl);
    const proxy = new PgProxy(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
    await proxy.restore();
    return proxy;
  }

  /** The database URL through the proxy. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  restore(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
      if (this.frozen) {
        client.pause();
        upstream.pause();
      }
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Stops every byte in both directions: queries in flight hang, as on a stalled server. */
  freeze(): void {
    this.frozen = true;
    for (const socket of this.sockets) socket.pause();
  }

  async cut(): Promise<void> {
    this.frozen = false;
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

export interface ProcessOptions {
  name: string;
  role: 'all' | 'game' | 'accounts' | 'catalog' | 'payments';
  env: Record<string, string>;
}

/** One StoryVerse process (`server/main.ts`), ready once it has sent PM2's `ready` message. */
export class StoryVerseProcess {
  private child: ChildProcess | null = null;
  private output = '';
  readonly dataDir = mkdtempSync(join(tmpdir(), 'storyverse-cluster-'));
  private constructor(readonly options: ProcessOptions, readonly port: number) {}

  static async start(options: ProcessOptions): Promise<StoryVerseProcess> {
    const process = new StoryVerseProcess(options, await freePort());
    await process.up();
    return process;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get log(): string {
    return this.output.slice(-4000);
  }

  async up(): Promise<void> {
    this.output = '';
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ROLE: this.options.role,
      PORT: String(this.port),
      BIND_ADDRESS: '127.0.0.1',
      PUBLIC_ADDRESS: `127.0.0.1:${this.port}`,
      DATA_DIR: this.dataDir,
      CLUSTER_SWEEP_SECONDS: '1',
      ...this.options.env,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child = child;
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.options.name} did not get ready in 60 s:\n${this.log}`)), 60_000);
      child.on('message', (message) => {
        if (message !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.options.name} exited (${code ?? signal}) while starting:\n${this.log}`));
      });
    });
  }

  /** kill -9: no shutdown code runs. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: the graceful stop. Resolves with the exit code. */
  async stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  private async signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGCONT');
    child.kill(signal);
    return exited;
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** fetch with JSON in and out. */
export async function call(base: string, method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return readJsonResponse(await fetch(`${base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: AbortSignal.timeout(15_000) }));
}
