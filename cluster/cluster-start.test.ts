/**
 * `npm run cluster:start` end to end: PM2 (3 sidecars + 2 game processes) and nginx against a
 * scratch PostgreSQL database and a private redis-server, then a scripted client — the web
 * client's own calls and colyseus.js — through the one public origin, then `cluster:stop`.
 * A CLUSTER_NAME of its own keeps it apart from any other cluster on the machine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { postgresReachable } from '../server/database/scratch-postgres';
import { chromiumPath } from '../testing/browser';
import { itWhenReachable } from '../testing/services';
import { call, eventually, redisServerInstalled, sleep } from './testing/cluster-harness';
import { playAsGuestInChromium } from './testing/guest-in-browser';
import { ScriptedCluster } from './testing/scripted-cluster';

const nginxInstalled = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].some((path) => existsSync(path));
const up = nginxInstalled && redisServerInstalled() && (await postgresReachable());
const it = itWhenReachable(up, 'nginx (apt-get install nginx), PostgreSQL and a redis-server binary');
const chromium = chromiumPath();
const JWT_IN_A_QUERY = /_authToken=eyJ[\w-]*\.[\w-]*\.[\w-]*/i;
const itInBrowser = itWhenReachable(up && chromium !== null, 'nginx, PostgreSQL, redis-server and Debian chromium');

/** The status nginx answers a WebSocket upgrade with when it does not upgrade (fetch cannot send one). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 101);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.runIf(up)('npm run cluster:start', () => {
  let cluster: ScriptedCluster;
  let origin: string;
  /** Every access token a client of this test put on the wire; none may show up in a log. */
  const tokens = new Set<string>();

  beforeAll(async () => {
    // debug: every process writes its request log too (game processes log requests at debug).
    cluster = await ScriptedCluster.start({ LOG_LEVEL: 'debug' });
    origin = cluster.origin;
  }, 150_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('brings up PM2 and nginx and prints the public URL', () => {
    const { started } = cluster;
    expect(started.status, started.stderr + started.stdout).toBe(0);
    expect(started.stdout).toContain(`StoryVerse cluster is running: open ${origin}`);
    expect(started.stdout).not.toContain('room sockets direct');
    const status = cluster.run('status');
    for (const app of ['game-1', 'game-2', 'accounts']) expect(status.stdout).toMatch(new RegExp(`${cluster.name}-${app}\\s+\\d+\\s+online`));
  });

  it('serves the web client, the REST sidecars and the rooms through the one origin', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    // The processes' security headers pass through nginx once; nginx's own answers get a closed policy.
    for (const answer of [page, await fetch(`${origin}/v1/stories`)]) {
      expect(answer.headers.get('content-security-policy')).toMatch(/^default-src 'self';.*frame-ancestors 'none'/);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }

    // The request id a caller (or nginx) sets comes back from the sidecar that answered.
    const probe = await fetch(`${origin}/v1/stories`, { headers: { 'x-request-id': 'cluster-probe-1' } });
    expect(probe.status).toBe(200);
    expect(probe.headers.get('x-request-id')).toBe('cluster-probe-1');
    const storyId = (await probe.json()).items[0].id as string;

    const guest = await call(origin, 'POST', '/v1/auth/guest');
    expect(guest.status).toBe(201);
    const token = guest.json.accessToken as string;
    tokens.add(token);
    expect((await call(origin, 'GET', '/v1/inventory', { token })).status).toBe(200);
    expect((await call(origin, 'GET', '/v1/store/packs', { token })).status).toBe(200);
    const missing = await call(origin, 'GET', '/v1/nothing-here');
    expect(missing.json.error.code).toBe('ROUTE_NOT_FOUND');
    // Per-process metrics and the admin panel are not public, nor a game process's HTTP behind its room-socket path.
    for (const path of ['/metrics', '/game-1/metrics', '/game-2/healthz']) {
      const answer = await fetch(`${origin}${path}`);
      expect(answer.status, path).toBe(404);
      expect((await answer.json()).error.code, path).toBe('ROUTE_NOT_FOUND');
      expect(answer.headers.get('content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff');
    }

    // Story sessions through the origin: each room socket reaches its own process via /game-<i>/.
    const client = new Client(origin.replace(/^http/, 'ws'));
    client.auth.token = token;
    const rooms = [];
    for (let i = 0; i < 3; i++) rooms.push(await client.create('story', { storyId }));
    for (const room of rooms) await eventually('a scene', async () => (room.state as { sceneId?: string }).sceneId, 10_000, 20);
    const room = rooms[rooms.length - 1]!;
    const before = (room.state as { sceneId: string }).sceneId;
    room.send('advance', {});
    await eventually('the next scene', async () => (room.state as { sceneId: string }).sceneId !== before, 10_000, 20);
    for (const r of rooms) await r.leave();
  }, 60_000);

  itInBrowser('the unchanged web client plays a story in a browser through nginx', async () => {
    // The chapter's first line shows: the room (on whichever game process) is playing.
    const { problems, sockets } = await playAsGuestInChromium(chromium!, origin);
    expect(problems).toEqual([]);
    // The room socket went through the origin with the access token in its URL (colyseus.js does that).
    expect(sockets.map((url) => url.host)).toContain(new URL(origin).host);
    const carried = sockets.map((url) => url.searchParams.get('_authToken')).filter((token): token is string => !!token);
    expect(carried.length).toBeGreaterThan(0);
    for (const token of carried) tokens.add(token);
  }, 90_000);

  it('writes no access token into any log: not nginx access.log or error.log, not the PM2 logs', async () => {
    const token = [...tokens][0]!;
    // A room-socket request nginx fails itself (the process is down): a request-bound error line.
    const stopped = cluster.pm2('stop', `${cluster.name}-game-2`);
    expect(stopped.status, stopped.stderr).toBe(0);
    const refused = await upgradeStatus(`${origin}/game-2/someProcess/someRoom?sessionId=seat&_authToken=${token}`);
    expect(refused).toBe(502);
    await sleep(1000); // PM2 and nginx flush their files

    const { cluster: clusterDir, pm2: pm2Logs } = cluster.logDirs;
    const files = [
      ...readdirSync(clusterDir).filter((name) => name.endsWith('.log')).map((name) => join(clusterDir, name)),
      ...readdirSync(pm2Logs).map((name) => join(pm2Logs, name)),
    ];
    const logs = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
    // The logs did record the traffic: the room sockets, the refused one, and the processes' requests.
    const access = logs.get(join(clusterDir, 'access.log')) ?? '';
    expect(access).toMatch(/"GET \/game-\d+\/[^ ]*\?\.\.\. HTTP\/1\.1" 101 /);
    expect(access).toMatch(/"GET \/game-2\/someProcess\/someRoom\?\.\.\. HTTP\/1\.1" 502 /);
    expect([...logs.values()].join('')).toMatch(/"path":"\/v1\/auth\/guest"/);
    for (const [file, text] of logs) {
      for (const seen of tokens) expect(text.includes(seen), `${file} holds an access token`).toBe(false);
      expect(text, file).not.toMatch(JWT_IN_A_QUERY);
    }
  }, 60_000);

  it('stops everything with cluster:stop', async () => {
    const stopped = cluster.run('stop');
    expect(stopped.status, stopped.stderr).toBe(0);
    expect(cluster.run('status').stdout).toContain(`no ${cluster.name}-* processes under PM2`);
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
  }, 60_000);
});

if (!up) describe('npm run cluster:start', () => it('needs nginx, PostgreSQL and redis-server', () => undefined));
