import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/test-server';

const ADMIN_TOKEN = 'admin-token-for-the-header-test';

/** What a browser relies on from every answer, whatever the route or the status. */
function expectClientPolicy(headers: Headers, what: string, connectSources = "'self'"): void {
  const csp = headers.get('content-security-policy') ?? '';
  const directive = (name: string) => csp.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name} `)) ?? '';
  expect(directive('default-src'), `${what}: ${csp}`).toBe("default-src 'self'");
  expect(directive('script-src'), what).toBe("script-src 'self'");
  expect(directive('frame-ancestors'), what).toBe("frame-ancestors 'none'");
  expect(directive('connect-src'), what).toBe(`connect-src ${connectSources}`);
  expect(csp, what).not.toContain('unsafe-inline');
  expect(csp, what).not.toContain('unsafe-eval');
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
  expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('x-powered-by'), what).toBeNull();
}

describe.each(['uws', 'ws'] as const)('security headers (%s transport, the real composition)', (transport) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { TRANSPORT: transport, TRUST_PROXY: 'true', ADMIN_TOKEN, WELCOME_DIAMONDS: '0' });
  }, 60_000);
  afterAll(async () => { await server?.close(); });

  it('are on the app shell, the REST routes, 404s, error answers, health and metrics', async () => {
    const answers = {
      'GET /': await server.call('GET', '/'),
      'GET /v1/stories': await server.call('GET', '/v1/stories'),
      'GET /v1/nothing-here (404)': await server.call('GET', '/v1/nothing-here'),
      'GET /assets/missing.js (404)': await server.call('GET', '/assets/missing.js'),
      'GET /v1/inventory without a token (401)': await server.call('GET', '/v1/inventory'),
      'POST malformed JSON (400)': await server.call('POST', '/v1/auth/login', { body: '{"email":' }),
      'GET /healthz': await server.call('GET', '/healthz'),
      'GET /metrics': await server.call('GET', '/metrics'),
    };
    expect(answers['GET /v1/nothing-here (404)'].status).toBe(404);
    expect(answers['GET /v1/inventory without a token (401)'].status).toBe(401);
    expect(answers['POST malformed JSON (400)'].status).toBe(400);
    for (const [what, answer] of Object.entries(answers)) {
      expectClientPolicy(answer.headers, what);
      expect(answer.headers.get('strict-transport-security'), what).toBeNull();
    }
  });

  it("are on Colyseus' own matchmaking answers, which do not pass through Express", async () => {
    const { accessToken } = (await server.call('POST', '/v1/auth/guest')).json;
    const preflight = await server.call('OPTIONS', '/matchmake/create/story', { headers: { origin: 'http://elsewhere.test' } });
    const refused = await server.call('POST', '/matchmake/create/story', { token: accessToken, body: { storyId: 'no-such-story' } });
    const unknownRoom = await server.call('POST', '/matchmake/joinOrCreate/no-such-room', { token: accessToken, body: {} });
    for (const [what, answer] of Object.entries({ preflight, refused, unknownRoom })) {
      expectClientPolicy(answer.headers, `matchmake ${what}`);
      // Colyseus' own CORS answer is kept.
      expect(answer.headers.get('access-control-allow-origin'), what).toBeTruthy();
    }
  });

  it('send HSTS only for a request that came over TLS through the trusted proxy', async () => {
    const overTls = await server.call('GET', '/v1/stories', { headers: { 'x-forwarded-proto': 'https' } });
    expect(overTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const plain = await server.call('GET', '/v1/stories', { headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it("allow the sandbox checkout page's own inline stylesheet by its hash, and nothing else inline", async () => {
    const { accessToken: token } = (await server.call('POST', '/v1/auth/guest')).json;
    const started = await server.call('POST', '/v1/store/checkout', { token, body: { packId: 'pouch' } });
    const page = await server.call('GET', started.json.checkoutUrl ?? '/v1/store/sandbox/missing');
    expect(page.status).toBe(200);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.text)?.[1];
    expect(style).toBeDefined();
    const hash = `'sha256-${createHash('sha256').update(style!, 'utf8').digest('base64')}'`;
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`style-src 'self' ${hash}`);
    expectClientPolicy(page.headers, 'sandbox page');
  });

  it('relax only the styles of the admin panel (a prebuilt bundle), never its scripts', async () => {
    const basic = `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`;
    const panel = await server.call('GET', '/admin/', { headers: { authorization: basic } });
    expect(panel.status).toBe(200);
    const csp = panel.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer('sqlite'); }, 60_000);
  afterAll(async () => { await server?.close(); });

  it('a client cannot ask for HSTS by sending X-Forwarded-Proto itself', async () => {
    const answer = await server.call('GET', '/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(answer.headers.get('strict-transport-security')).toBeNull();
    expectClientPolicy(answer.headers, 'GET /');
  });
});

describe('with room sockets on the game processes’ own addresses (a cluster with CLUSTER_ROOM_SOCKETS=direct)', () => {
  const ROOM_SOCKET_ORIGINS = 'ws://127.0.0.1:8101,wss://127.0.0.1:8101,ws://play-2.example.com:8102';
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer('sqlite', { ROOM_SOCKET_ORIGINS }); }, 60_000);
  afterAll(async () => { await server?.close(); });

  it('let the page open them, and nothing else more', async () => {
    const { accessToken } = (await server.call('POST', '/v1/auth/guest')).json;
    const answers = {
      'GET /': await server.call('GET', '/'),
      'GET /v1/stories': await server.call('GET', '/v1/stories'),
      'POST /matchmake (Colyseus)': await server.call('POST', '/matchmake/create/story', { token: accessToken, body: { storyId: 'no-such-story' } }),
    };
    for (const [what, answer] of Object.entries(answers)) expectClientPolicy(answer.headers, what, `'self' ${ROOM_SOCKET_ORIGINS.replaceAll(',', ' ')}`);
  });
});
