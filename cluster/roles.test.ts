/**
 * Process roles, the admin panel and the runtime metrics, on the real composition with SQLite and
 * local presence (no services needed): what each ROLE serves, that /admin is never open, and that
 * /metrics reports rooms, messages and step latency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, newPlayer, openSession, ready } from '../testing/story-test-kit';
import { loadConfig } from '../server/config/config';
import { startTestServer, type TestServer } from '../server/testing/test-server';

describe('process roles', () => {
  it('a sidecar serves only its routers, with /healthz and /metrics, and runs no game server', async () => {
    const accounts = await startTestServer('sqlite', { ROLE: 'accounts' });
    try {
      expect(accounts.role).toBe('accounts');
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

describe('a game process', () => {
  const ADMIN_TOKEN = 'admin-token-for-the-tests-0123';
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { ADMIN_TOKEN });
  });
  afterAll(async () => {
    await server?.close();
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

  it('reports CCU, rooms by kind, room messages and step latency on /metrics', async () => {
    const storyId = (await server.call('GET', '/v1/stories')).json.items[0].id as string;
    const session = await ready(await openSession(server, await newPlayer(server), { storyId }));
    await act(session, 'advance');
    const metrics = (await server.call('GET', '/metrics')).text;
    expect(metrics).toMatch(/storyverse_ccu\{[^}]*\} 1/);
    expect(metrics).toMatch(/storyverse_rooms\{[^}]*room="story"[^}]*\} 1/);
    expect(metrics).toMatch(/storyverse_room_messages_total\{[^}]*room="story"[^}]*\} 1/);
    expect(metrics).toMatch(/storyverse_room_step_seconds_count\{[^}]*room="story",step="advance"[^}]*\} 1/);
    await session.room.leave();
  });
});
