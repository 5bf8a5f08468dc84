/**
 * `npm run cluster:start | cluster:status | cluster:stop`: the whole cluster on one machine —
 * migrations, the PM2 apps of ecosystem.config.js, and nginx with a config rendered from
 * cluster/nginx.conf.template — against DATABASE_URL and REDIS_URL. Runtime files (nginx's pid,
 * logs, temp folders, the rendered config, a generated JWT secret) live in .cluster/ (gitignored).
 * PM2 runs under its usual home (~/.pm2, or PM2_HOME) so `pm2 ls` and `pm2 logs` just work.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterLayout } from './layout.js';
import { NginxTemplateError, renderNginxConfig } from './nginx-config';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNTIME_ROOT = join(ROOT, '.cluster');
const PM2 = join(ROOT, 'node_modules/.bin/pm2');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const ECOSYSTEM = join(ROOT, 'ecosystem.config.js');
const START_TIMEOUT_MS = 90_000;

type Layout = ReturnType<typeof clusterLayout>;

class ClusterError extends Error {}

function say(line: string): void {
  console.log(line);
}

/** The environment every step sees: the caller's, plus a JWT secret kept in .cluster/ when unset. */
function clusterEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (!env.JWT_SECRET) {
    mkdirSync(RUNTIME_ROOT, { recursive: true });
    const file = join(RUNTIME_ROOT, 'jwt-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    env.JWT_SECRET = readFileSync(file, 'utf8').trim();
  }
  return env;
}

function requireSettings(env: NodeJS.ProcessEnv): void {
  const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ClusterError(
      `${missing.join(' and ')} must be set: the cluster needs PostgreSQL and Redis, e.g.\n` +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/storyverse REDIS_URL=redis://127.0.0.1:6379 npm run cluster:start',
    );
  }
}

function nginxBinary(): string {
  for (const candidate of [process.env.NGINX_BIN, '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  throw new ClusterError('nginx is not installed: apt-get install nginx (Debian), or set NGINX_BIN');
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, quiet = false): string {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new ClusterError(`${[command, ...args].join(' ')} failed (exit ${result.status}):\n${(result.stderr || result.stdout || '').trim().split('\n').slice(-15).join('\n')}`);
  }
  if (!quiet && result.stdout.trim()) say(result.stdout.trim());
  return result.stdout;
}

interface Pm2Process {
  name: string;
  pid: number;
  pm2_env?: { status?: string; restart_time?: number; pm_uptime?: number };
  monit?: { memory?: number; cpu?: number };
}

/** This cluster's apps under PM2 (by the CLUSTER_NAME prefix). */
function pm2List(env: NodeJS.ProcessEnv, layout: Layout): Pm2Process[] {
  try {
    const out = execFileSync(PM2, ['jlist'], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return (JSON.parse(out.slice(out.indexOf('['))) as Pm2Process[]).filter((p) => p.name.startsWith(`${layout.name}-`));
  } catch {
    return [];
  }
}

/**
 * Processes of our apps that PM2 no longer tracks. PM2 can lose one: an app deleted while PM2 was
 * restarting it (after a kill -9) leaves the new process running, holding its port. Found by the
 * environment PM2 gave them (our script path), never by name.
 */
function strayProcesses(env: NodeJS.ProcessEnv, layout: Layout): number[] {
  if (!existsSync('/proc')) return [];
  const tracked = new Set(pm2List(env, layout).map((p) => p.pid));
  const marker = `pm_exec_path=${join(ROOT, 'cluster/process.mjs')}`;
  const strays: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || tracked.has(pid)) continue;
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (environ.includes(marker) && environ.some((v) => v.startsWith(`name=${layout.name}-`))) strays.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return strays;
}

async function endStrays(env: NodeJS.ProcessEnv, layout: Layout): Promise<void> {
  const strays = strayProcesses(env, layout);
  if (strays.length === 0) return;
  say(`• ending ${strays.length} StoryVerse process(es) PM2 lost track of: ${strays.join(', ')}`);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const pid of strays) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (strays.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  for (const pid of strays.filter(alive)) process.kill(pid, 'SIGKILL');
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new ClusterError(`${what} did not come up within ${timeoutMs / 1000} s (see \`npx pm2 logs\` and .cluster/error.log)`);
}

function runtimeOf(layout: Layout): { dir: string; conf: string; nginxArgs: string[] } {
  const dir = join(RUNTIME_ROOT, layout.name);
  const conf = join(dir, 'nginx.conf');
  return { dir, conf, nginxArgs: ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')] };
}

function nginxRunning(layout: Layout): number | null {
  const pidFile = join(runtimeOf(layout).dir, 'nginx.pid');
  try {
    // Read, not checked then read: a stopping nginx removes its pid file in between.
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  const env = clusterEnv();
  requireSettings(env);
  const layout = clusterLayout(env);
  const runtime = runtimeOf(layout);
  mkdirSync(runtime.dir, { recursive: true });
  const nginx = nginxBinary();

  say('• web client (built when a source is newer than the last build)');
  run(process.execPath, ['client/build-if-needed.mjs'], env, true);

  say(`• migrations against ${redact(env.DATABASE_URL!)}`);
  run(TSX, ['server/database/cli.ts', 'up'], { ...env, LOG_LEVEL: 'warn' });

  say(`• PM2: ${layout.sidecars.length} sidecars and ${layout.games.length} game processes`);
  if (pm2List(env, layout).length > 0) run(PM2, ['delete', ECOSYSTEM], env, true);
  await endStrays(env, layout);
  run(PM2, ['start', ECOSYSTEM, '--update-env'], env, true);
  const processes = [...layout.sidecars.map((s) => ({ name: s.name, port: s.port })), ...layout.games.map((g) => ({ name: g.name, port: g.port }))];
  await waitFor('the cluster processes', async () => (await Promise.all(processes.map((p) => healthy(`http://127.0.0.1:${p.port}/healthz`)))).every(Boolean), START_TIMEOUT_MS);

  say('• nginx');
  const asRoot = userInfo().uid === 0;
  for (const folder of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(runtime.dir, 'tmp', folder), { recursive: true });
    // nginx's workers run as nobody when started by root.
    if (asRoot) chmodSync(join(runtime.dir, 'tmp', folder), 0o1777);
  }
  writeFileSync(runtime.conf, renderNginxConfig(layout, runtime.dir, asRoot));
  const nginxArgs = runtime.nginxArgs;
  run(nginx, [...nginxArgs, '-t', '-q'], env, true);
  if (nginxRunning(layout)) run(nginx, [...nginxArgs, '-s', 'reload'], env, true);
  else run(nginx, nginxArgs, env, true);
  const origin = `http://127.0.0.1:${layout.clusterPort}`;
  await waitFor('nginx', () => healthy(`${origin}/healthz`), 15_000);

  if (layout.roomSockets === 'direct') say(`• room sockets direct: ${layout.games.map((g) => g.publicAddress).join(', ')} (listening on ${layout.games[0]!.bindAddress})`);
  say(`\n  StoryVerse cluster is running: open http://${layout.publicHost}\n`);
}

async function status(): Promise<void> {
  const env = clusterEnv();
  const layout = clusterLayout(env);
  const listed = pm2List(env, layout);
  const ports = new Map([...layout.sidecars, ...layout.games].map((p) => [p.name, p.port]));
  say('process                  pid      status     restarts  memory   health');
  for (const p of listed) {
    const port = ports.get(p.name);
    const health = port ? ((await healthy(`http://127.0.0.1:${port}/healthz`)) ? `ok :${port}` : `DOWN :${port}`) : '?';
    say(
      `${p.name.padEnd(24)} ${String(p.pid || '-').padEnd(8)} ${String(p.pm2_env?.status ?? '?').padEnd(10)} ${String(p.pm2_env?.restart_time ?? 0).padEnd(9)} ${`${Math.round((p.monit?.memory ?? 0) / 1048576)}M`.padEnd(8)} ${health}`,
    );
  }
  if (listed.length === 0) say(`(no ${layout.name}-* processes under PM2)`);
  const nginxPid = nginxRunning(layout);
  const origin = `http://127.0.0.1:${layout.clusterPort}`;
  say(`nginx                    ${String(nginxPid ?? '-').padEnd(8)} ${nginxPid ? 'online' : 'stopped'}`);
  say(`origin ${origin}: ${(await healthy(`${origin}/healthz`)) ? 'ok' : 'not answering'}`);
}

async function stop(): Promise<void> {
  const env = clusterEnv();
  const layout = clusterLayout(env);
  if (pm2List(env, layout).length > 0) {
    say('• PM2: stopping the StoryVerse apps (rooms save, connections close)');
    run(PM2, ['delete', ECOSYSTEM], env, true);
  }
  await endStrays(env, layout);
  const pid = nginxRunning(layout);
  if (pid) {
    say('• nginx: stopping');
    run(nginxBinary(), [...runtimeOf(layout).nginxArgs, '-s', 'quit'], env, true);
    const deadline = Date.now() + 10_000;
    while (nginxRunning(layout) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  say('StoryVerse cluster stopped');
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

const commands: Record<string, () => Promise<void>> = { start, status, stop };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: tsx cluster/cluster.ts start | status | stop');
  process.exit(2);
}
try {
  await command();
} catch (error) {
  if (!(error instanceof ClusterError || error instanceof NginxTemplateError)) throw error;
  console.error(`cluster: ${error.message}`);
  process.exit(1);
}
