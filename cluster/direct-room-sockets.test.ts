/**
 * `CLUSTER_ROOM_SOCKETS=direct` end to end: pages, REST and matchmaking through nginx, each room
 * socket straight to its game process at CLUSTER_GAME_HOST:<port> (no relay), and the unchanged
 * web client — whose CSP now names those addresses — playing a story that way in a browser.
 */
import { existsSync, readFileSync } from 'node:fs';
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
const itInBrowser = itWhenReachable(up && chromium !== null, 'nginx, PostgreSQL, redis-server and Debian chromium');

describe.runIf(up)('a cluster with direct room sockets', () => {
  let cluster: ScriptedCluster;
  /** The game processes' own addresses, as clients are sent to them. */
  let games: string[];

  beforeAll(async () => {
    cluster = await ScriptedCluster.start({ CLUSTER_ROOM_SOCKETS: 'direct' });
    games = [11, 12].map((offset) => `127.0.0.1:${cluster.port + offset}`);
  }, 150_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('starts, and says where the room sockets go', () => {
    expect(cluster.started.status, cluster.started.stderr + cluster.started.stdout).toBe(0);
    expect(cluster.started.stdout).toContain(`room sockets direct: ${games.join(', ')} (listening on 127.0.0.1)`);
  });

  it('seats players through the origin and connects their rooms to the game processes themselves', async () => {
    const { origin } = cluster;
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    const connectSources = /connect-src ([^;]*)/.exec(page.headers.get('content-security-policy') ?? '')?.[1]?.split(' ');
    expect(connectSources).toEqual(["'self'", ...games.flatMap((game) => [`ws://${game}`, `wss://${game}`])]);

    const storyId = ((await (await fetch(`${origin}/v1/stories`)).json()) as { items: { id: string }[] }).items[0]!.id;
    const hosts = new Set<string>();
    const rooms = [];
    // New rooms go to the process with the fewest: open rooms (kept, a player each) until both processes hold one.
    for (let i = 0; i < 10 && hosts.size < 2; i++) {
      const token = (await call(origin, 'POST', '/v1/auth/guest')).json.accessToken as string;
      const client = new Client(origin.replace(/^http/, 'ws'));
      client.auth.token = token;
      const reservation = (await call(origin, 'POST', '/matchmake/create/story', { token, body: { storyId } })).json as { room: { publicAddress: string } };
      expect(games).toContain(reservation.room.publicAddress);
      hosts.add(reservation.room.publicAddress);
      const room = await client.consumeSeatReservation(reservation as never);
      rooms.push(room);
      // A step over the direct socket: the message in, the saved step's patch out.
      const scene = await eventually('a scene', async () => (room.state as { sceneId?: string }).sceneId, 10_000, 20);
      room.send('advance', {});
      await eventually('the next scene', async () => (room.state as { sceneId: string }).sceneId !== scene, 10_000, 20);
    }
    expect([...hosts].sort()).toEqual(games);
    for (const room of rooms) await room.leave();
    // nginx relayed none of them: its access log has the seats, not one room socket.
    await sleep(1000); // nginx flushes its log
    const access = readFileSync(join(cluster.logDirs.cluster, 'access.log'), 'utf8');
    expect(access).toMatch(/"POST \/matchmake\/create\/story[^"]*" 200 /);
    expect(access).not.toMatch(/"GET \/game-\d+\//);
  }, 60_000);

  itInBrowser('the unchanged web client plays a story with its room socket on a game process’s own port', async () => {
    const { problems, sockets } = await playAsGuestInChromium(chromium!, cluster.origin);
    // No CSP violation, no console error: the policy lets the page reach the game process.
    expect(problems).toEqual([]);
    expect(sockets.length).toBeGreaterThan(0);
    for (const socket of sockets) expect(games).toContain(socket.host);
  }, 90_000);
});

if (!up) describe('a cluster with direct room sockets', () => it('needs nginx, PostgreSQL and redis-server', () => undefined));
