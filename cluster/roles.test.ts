/**
 * Process roles, the admin panel and the runtime metrics, on the real composition with SQLite and
 * local presence (no services needed): what each ROLE serves, that /admin is never open, that
 * /metrics reports rooms, messages and step latency — and that the cluster's nginx sends every
 * route of every module (server/modules.js) to a PM2 process of that module's role.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, newPlayer, openSession, ready } from '../testing/story-test-kit';
import { loadConfig } from '../server/config/config';
import { MODULES } from '../server/modules.js';
import { startTestServer, type TestServer } from '../testing/test-server';
import { clusterLayout } from './layout.js';
import { renderNginxConfig } from './nginx-config';
import { nginxRoutes } from './testing/nginx-routes';

interface App {
  name: string;
  env: Record<string, string>;
}

/** The cluster as PM2 and nginx would run it from this environment: who listens on each port, and nginx's routing. */
async function renderedCluster() {
  const { apps } = (await import(pathToFileURL(`${process.cwd()}/ecosystem.config.js`).href)) as { apps: App[] };
  const appOnPort = new Map(apps.map((app) => [Number(app.env.PORT), app]));
  const route = nginxRoutes(renderNginxConfig(clusterLayout(process.env), '/tmp/storyverse-test', false));
  /** The PM2 apps nginx may send `path` to. */
  const appsFor = (path: string) => route(path).ports.map((port) => appOnPort.get(port));
  return { apps, route, appsFor };
}

/** Concrete paths the routers answer (route parameters and wildcards filled in). */
function pathsAnsweredBy(router: Router): string[] {
  const layers = (router as unknown as { stack: { route?: { path: string | string[] } }[] }).stack;
  return layers
    .flatMap((layer) => (layer.route ? [layer.route.path].flat() : []))
    .map((path) => path.replace(/:\w+/g, 'some-id').replace(/\*/g, 'some/file.svg'));
}

describe('process roles', () => {
  it('a sidecar serves only its routers, with /healthz and /metrics, and runs no game server', async () => {
    const accounts = await startTestServer('sqlite', { ROLE: 'accounts' });
    try {
      expect(accounts.role).toBe('accounts');
      expect(accounts.modules.map((module) => module.name)).toEqual(['accounts']);
      expect((await accounts.call('POST', '/v1/auth/guest')).status).toBe(201);
      expect((await accounts.call('GET', '/v1/stories')).json.error.code).toBe('ROUTE_NOT_FOUND');
      expect((await accounts.call('POST', '/matchmake/create/story', { body: {} })).status).toBe(404);
      expect((await accounts.call('GET', '/healthz')).status).toBe(200);
      const metrics = await accounts.call('GET', '/metrics');
      expect(metrics.text).toContain('storyverse_http_requests_total');
      expect(metrics.text).toContain('role="accounts"');
      expect(accounts.transport).toBe('http');
    } finally {
      await accounts.close();
    }
  });

  it('the catalog publishes the content and serves stories, progress and the web client; payments serves the store', async () => {
    const catalog = await startTestServer('sqlite', { ROLE: 'catalog' });
    const payments = await startTestServer('sqlite', { ROLE: 'payments' });
    try {
      expect((await catalog.call('GET', '/v1/stories')).json.items.length).toBeGreaterThan(0);
      expect((await catalog.call('POST', '/v1/auth/guest')).status).toBe(404);
      expect((await payments.call('GET', '/v1/store/packs')).status).toBe(200);
      expect((await payments.call('GET', '/v1/stories')).status).toBe(404);
    } finally {
      await catalog.close();
      await payments.close();
    }
  });

  it('rejects an unknown role and a bind address or public address it cannot use, naming the variable', () => {
    expect(() => loadConfig({ ROLE: 'everything' })).toThrow(/ROLE must be all, game, accounts, catalog or payments/);
    expect(() => loadConfig({ PUBLIC_ADDRESS: 'ws://host:1' })).toThrow(/PUBLIC_ADDRESS must be host:port/);
    expect(loadConfig({ PUBLIC_ADDRESS: 'play.example.com/game-2' }).publicAddress).toBe('play.example.com/game-2');
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN must be at least 16 characters/);
  });
});

// One game server per process at a time: Colyseus' matchmaker is a module singleton.
describe('a game process without ADMIN_TOKEN', () => {
  it('mounts no admin panel at all without ADMIN_TOKEN', async () => {
    const plain = await startTestServer('sqlite');
    try {
      expect((await plain.call('GET', '/admin/api', { headers: { authorization: 'Bearer admin-token-for-the-tests-0123' } })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

});

describe('the cluster derived from server/modules.js', () => {
  it('routes every path a module declares to a process of that module role, and runs every role under PM2', async () => {
    const { apps, appsFor } = await renderedCluster();
    for (const module of MODULES) {
      expect(apps.some((app) => app.env.ROLE === module.role), `a PM2 app for the ${module.role} role`).toBe(true);
      for (const route of module.routes) {
        const probes = route.match === 'exact' ? [route.path] : [route.path, `${route.path.replace(/\/$/, '')}/a/b`];
        for (const probe of probes) {
          const targets = appsFor(probe);
          expect(targets.length, `nginx proxies ${probe}`).toBeGreaterThan(0);
          expect(targets.map((app) => app?.env.ROLE), `${probe} (module ${module.name})`).toEqual(targets.map(() => module.role));
        }
      }
    }
  });

  it('is what the README\'s route table says', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const module of MODULES) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${module.name} |`));
      expect(row, `a README row for the ${module.name} module`).toBeDefined();
      for (const route of module.routes) {
        expect(row, `${module.name}: ${route.path}`).toContain(route.match === 'exact' ? `\`= ${route.path}\`` : `\`${route.path}\``);
      }
    }
  });

  it('keeps the origin\'s own routes: room sockets to their process, /metrics answered by nginx, unknown /v1 routes to the catalog', async () => {
    const { apps, route, appsFor } = await renderedCluster();
    const games = apps.filter((app) => app.env.PUBLIC_ADDRESS);
    expect(games.length).toBeGreaterThan(0);
    for (const [i, game] of games.entries()) {
      expect(game.env.PUBLIC_ADDRESS).toMatch(new RegExp(`/game-${i + 1}$`));
      expect(appsFor(`/game-${i + 1}/process-id/room-id`)).toEqual([game]);
    }
    expect(route('/metrics').ports).toEqual([]);
    expect(appsFor('/v1/no-such-route').map((app) => app?.env.ROLE)).toEqual(['catalog']);
    expect(appsFor('/matchmake/create/story').map((app) => app?.env.ROLE)).toEqual(games.map(() => 'game'));
  });

  it('lets uploads through nginx only where a module takes them: the studio (chapters, art), nowhere else', () => {
    const config = renderNginxConfig(clusterLayout(process.env), '/tmp/storyverse-test', false);
    const studio = /location \^~ \/v1\/studio\/ \{([^}]*)\}/.exec(config)?.[1] ?? '';
    // Above STUDIO_MAX_ASSET_BYTES' own upper bound: the application answers 413 in the error shape.
    expect(studio).toContain('client_max_body_size 100m;');
    expect(config.match(/client_max_body_size 100m;/g)).toHaveLength(1);
    expect(config).toMatch(/^\s*client_max_body_size 1m;/m);
  });
});

describe('a game process', () => {
  const ADMIN_TOKEN = 'admin-token-for-the-tests-0123';
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { ADMIN_TOKEN });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs every module, and nginx sends every path their routers answer to a process of the module role', async () => {
    expect(server.modules.map((module) => module.name)).toEqual(MODULES.map((module) => module.name));
    const { appsFor } = await renderedCluster();
    for (const module of server.modules) {
      const paths = module.routers.flatMap(pathsAnsweredBy);
      if (module.name !== 'game') expect(paths.length, `${module.name} answers some path`).toBeGreaterThan(0);
      for (const path of paths) expect(appsFor(path).map((app) => app?.env.ROLE), `${path} (module ${module.name})`).toEqual(appsFor(path).map(() => module.role));
    }
  });

  it('keeps the Colyseus monitor behind ADMIN_TOKEN', async () => {
    const anonymous = await server.call('GET', '/admin/api');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('ADMIN_UNAUTHORIZED');
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await server.call('GET', '/admin/api', { headers: { authorization: 'Bearer wrong-token-wrong-token-00' } })).status).toBe(401);
    const basic = `Basic ${Buffer.from(`ops:${ADMIN_TOKEN}`).toString('base64')}`;
    expect((await server.call('GET', '/admin/api', { headers: { authorization: basic } })).status).toBe(200);
    expect((await server.call('GET', '/admin/api', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
  });

  it('reports CCU, rooms by kind, room messages, step latency and step commits on /metrics', async () => {
    const storyId = (await server.call('GET', '/v1/stories')).json.items[0].id as string;
    const session = await ready(await openSession(server, await newPlayer(server), { storyId }));
    await act(session, 'advance');
    const metrics = (await server.call('GET', '/metrics')).text;
    expect(metrics).toMatch(/storyverse_ccu\{[^}]*\} 1/);
    expect(metrics).toMatch(/storyverse_rooms\{[^}]*room="story"[^}]*\} 1/);
    expect(metrics).toMatch(/storyverse_room_messages_total\{[^}]*room="story"[^}]*\} 1/);
    expect(metrics).toMatch(/storyverse_room_step_seconds_count\{[^}]*room="story",step="advance"[^}]*\} 1/);
    // The step was saved by a commit of its own (nothing else was in flight).
    expect(metrics).toMatch(/storyverse_step_commits_total\{[^}]*\} 1\n/);
    expect(metrics).toMatch(/storyverse_step_commit_steps_total\{[^}]*\} 1\n/);
    await session.room.leave();
  });
});
