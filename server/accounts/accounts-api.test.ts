import { afterAll, beforeAll, expect, it } from 'vitest';
import { Story } from '../database/entities';
import { ManualClock } from '../shared/clock';
import { describeEachEngine } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

const PASSWORD = 'correct horse battery';
let counter = 0;
const uniqueEmail = (tag = 'reader') => `${tag}.${Date.now()}.${++counter}@example.test`;

function expectErrorShape(response: { json: any }, code: string): void {
  expect(response.json).toEqual({ error: { code, message: expect.any(String), details: expect.any(Object), request_id: expect.any(String) } });
}

describeEachEngine('accounts API', (engine) => {
  let server: TestServer;
  const clock = new ManualClock('2026-03-01T12:00:00Z');
  beforeAll(async () => { server = await startTestServer(engine, { AUTH_RATE_LIMIT_PER_MINUTE: '1000' }, clock); });
  afterAll(async () => { await server?.close(); });

  const register = (email: string, password = PASSWORD, extra: Record<string, unknown> = {}) =>
    server.call('POST', '/v1/auth/register', { body: { email, password, ...extra } });

  it('registers with a normalised email and answers with the user and a token pair', async () => {
    const email = uniqueEmail('New');
    const response = await register(`  ${email.toUpperCase()} `, PASSWORD, { displayName: 'Ada' });
    expect(response.status).toBe(201);
    expect(response.json).toEqual({
      user: { id: expect.any(String), email: email.toLowerCase(), displayName: 'Ada', isGuest: false, createdAt: expect.any(String) },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expect(response.text).not.toMatch(/password/i);
  });

  it('refuses a second account for the same email, whatever its case and spacing', async () => {
    const email = uniqueEmail();
    expect((await register(email)).status).toBe(201);
    const again = await register(`  ${email.toUpperCase()}  `, 'another good one');
    expect(again.status).toBe(409);
    expectErrorShape(again, 'EMAIL_TAKEN');
  });

  it.each([
    ['a bad email', { email: 'not-an-email', password: PASSWORD }, 'VALIDATION_FAILED', 400],
    ['a short password', { email: 'short@example.test', password: '123' }, 'VALIDATION_FAILED', 400],
    ['missing fields', {}, 'VALIDATION_FAILED', 400],
    ['wrong types', { email: 42, password: { a: 1 } }, 'VALIDATION_FAILED', 400],
    ['an array', [1, 2, 3], 'VALIDATION_FAILED', 400],
    ['unknown fields', { email: 'x@example.test', password: PASSWORD, isAdmin: true }, 'VALIDATION_FAILED', 400],
    ['a NUL in the display name', { email: 'nul-name@example.test', password: PASSWORD, displayName: 'Ada\u0000' }, 'VALIDATION_FAILED', 400],
    ['a lone surrogate in the display name', { email: 'surrogate@example.test', password: PASSWORD, displayName: 'Ada\ud800' }, 'VALIDATION_FAILED', 400],
    ['malformed JSON', '{"email": ', 'MALFORMED_JSON', 400],
    ['a huge body', { email: 'x'.repeat(100_000) + '@example.test', password: PASSWORD }, 'PAYLOAD_TOO_LARGE', 413],
  ])('answers %s with %s and creates nothing', async (_what, body, code, status) => {
    const response = await server.call('POST', '/v1/auth/register', { body });
    expect(response.status).toBe(status);
    expectErrorShape(response, code);
    // Nothing was created: the account cannot sign in.
    const sent = body as { email?: unknown };
    if (typeof sent.email === 'string') expect((await server.call('POST', '/v1/auth/login', { body: { email: sent.email, password: PASSWORD } })).status).not.toBe(200);
  });

  it('answers a sign-in with a NUL in the email or password with 400, not 500', async () => {
    const email = uniqueEmail();
    await register(email);
    for (const body of [{ email: `${email}\u0000`, password: PASSWORD }, { email, password: `${PASSWORD}\u0000` }]) {
      const response = await server.call('POST', '/v1/auth/login', { body });
      expect(response.status).toBe(400);
      expectErrorShape(response, 'VALIDATION_FAILED');
    }
  });

  it('names the bad fields in the error details', async () => {
    const response = await register('nope', '1');
    expect(response.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('logs in case-insensitively; a wrong password or unknown email is 401 with one message', async () => {
    const email = uniqueEmail();
    await register(email);
    const ok = await server.call('POST', '/v1/auth/login', { body: { email: email.toUpperCase(), password: PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.json.user.email).toBe(email);
    const wrong = await server.call('POST', '/v1/auth/login', { body: { email, password: 'wrong password!' } });
    const unknown = await server.call('POST', '/v1/auth/login', { body: { email: uniqueEmail('ghost'), password: PASSWORD } });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expectErrorShape(response, 'INVALID_CREDENTIALS');
    }
    expect(wrong.json.error.message).toBe(unknown.json.error.message);
  });

  it('serves /v1/user/me only with a valid access token', async () => {
    const session = (await register(uniqueEmail())).json;
    const me = await server.call('GET', '/v1/user/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ user: session.user, roles: ['reader'] });
    const none = await server.call('GET', '/v1/user/me');
    expect(none.status).toBe(401);
    expectErrorShape(none, 'UNAUTHENTICATED');
    const forged = await server.call('GET', '/v1/user/me', { token: session.accessToken.slice(0, -3) + 'xyz' });
    expect(forged.status).toBe(401);
    expectErrorShape(forged, 'INVALID_TOKEN');
  });

  it('lists roles on /v1/user/me only: writer once the account owns a story, then granted ones', async () => {
    const email = uniqueEmail('writer');
    const session = (await register(email)).json;
    expect(session).not.toHaveProperty('roles');
    const rolesNow = async () => (await server.call('GET', '/v1/user/me', { token: session.accessToken })).json.roles;

    const storyId = (await server.call('GET', '/v1/stories?limit=1')).json.items[0].id as string;
    await server.orm.em.fork().nativeUpdate(Story, { id: storyId }, { owner: session.user.id });
    expect(await rolesNow()).toEqual(['reader', 'writer']);

    await server.services.roles.grant(email, 'admin');
    expect(await rolesNow()).toEqual(['reader', 'writer', 'admin']);
    await server.orm.em.fork().nativeUpdate(Story, { id: storyId }, { owner: null });
    expect(await rolesNow()).toEqual(['reader', 'admin']);

    const guest = (await server.call('POST', '/v1/auth/guest')).json;
    expect((await server.call('GET', '/v1/user/me', { token: guest.accessToken })).json.roles).toEqual(['reader']);
  });

  it('expires access tokens after 15 minutes', async () => {
    const session = (await register(uniqueEmail())).json;
    clock.advance(15 * 60 + 1);
    const late = await server.call('GET', '/v1/user/me', { token: session.accessToken });
    expect(late.status).toBe(401);
    expect(late.json.error.message).toMatch(/expired/);
  });

  it('rotates refresh tokens; a reused one is refused and revokes its whole family', async () => {
    const first = (await register(uniqueEmail())).json;
    const second = await server.call('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.json.refreshToken).not.toBe(first.refreshToken);
    expect((await server.call('GET', '/v1/user/me', { token: second.json.accessToken })).status).toBe(200);

    const reuse = await server.call('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expectErrorShape(reuse, 'REFRESH_TOKEN_REUSED');
    const descendant = await server.call('POST', '/v1/auth/refresh', { body: { refreshToken: second.json.refreshToken } });
    expect(descendant.status).toBe(401);
  });

  it('lets only one of two racing uses of a refresh token win', async () => {
    const session = (await register(uniqueEmail())).json;
    const results = await Promise.all([1, 2].map(() => server.call('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('refuses garbage and expired refresh tokens', async () => {
    const garbage = await server.call('POST', '/v1/auth/refresh', { body: { refreshToken: 'garbage' } });
    expect(garbage.status).toBe(401);
    expectErrorShape(garbage, 'INVALID_REFRESH_TOKEN');
    const session = (await register(uniqueEmail())).json;
    clock.advance(31 * 24 * 3600);
    const expired = await server.call('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toMatch(/expired/);
  });

  it('signs out: the refresh token stops working', async () => {
    const session = (await register(uniqueEmail())).json;
    const out = await server.call('POST', '/v1/auth/logout', { token: session.accessToken, body: { refreshToken: session.refreshToken } });
    expect(out.status).toBe(204);
    expect((await server.call('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
  });

  it('signs out everywhere: every refresh token of the account stops working', async () => {
    const email = uniqueEmail();
    const one = (await register(email)).json;
    const two = (await server.call('POST', '/v1/auth/login', { body: { email, password: PASSWORD } })).json;
    expect((await server.call('POST', '/v1/auth/logout', { token: one.accessToken, body: { everywhere: true } })).status).toBe(204);
    for (const token of [one.refreshToken, two.refreshToken]) {
      expect((await server.call('POST', '/v1/auth/refresh', { body: { refreshToken: token } })).status).toBe(401);
    }
  });

  it('upgrades a guest to an email account that keeps its id and wallet', async () => {
    const guest = await server.call('POST', '/v1/auth/guest', { body: {} });
    expect(guest.status).toBe(201);
    expect(guest.json.user).toMatchObject({ isGuest: true, email: null });
    const walletBefore = (await server.call('GET', '/v1/inventory', { token: guest.json.accessToken })).json;

    const email = uniqueEmail('upgraded');
    const upgraded = await server.call('POST', '/v1/auth/upgrade', { token: guest.json.accessToken, body: { email, password: PASSWORD } });
    expect(upgraded.status).toBe(200);
    expect(upgraded.json.user).toMatchObject({ id: guest.json.user.id, email, isGuest: false });
    expect((await server.call('GET', '/v1/inventory', { token: upgraded.json.accessToken })).json).toEqual(walletBefore);
    const login = await server.call('POST', '/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(login.json.user.id).toBe(guest.json.user.id);

    const again = await server.call('POST', '/v1/auth/upgrade', { token: upgraded.json.accessToken, body: { email: uniqueEmail(), password: PASSWORD } });
    expect(again.status).toBe(409);
    expectErrorShape(again, 'ALREADY_REGISTERED');
  });

  it('refuses to upgrade a guest onto an email that is taken, leaving the guest a guest', async () => {
    const taken = uniqueEmail('taken');
    await register(taken);
    const guest = (await server.call('POST', '/v1/auth/guest')).json;
    const clash = await server.call('POST', '/v1/auth/upgrade', { token: guest.accessToken, body: { email: taken, password: PASSWORD } });
    expect(clash.status).toBe(409);
    expectErrorShape(clash, 'EMAIL_TAKEN');
    expect((await server.call('GET', '/v1/user/me', { token: guest.accessToken })).json.user.isGuest).toBe(true);
  });

  it('answers unknown routes with a 404 in the error shape', async () => {
    const response = await server.call('GET', '/v1/no-such-route');
    expect(response.status).toBe(404);
    expectErrorShape(response, 'ROUTE_NOT_FOUND');
    expect(response.json.error.request_id).toBe(response.headers.get('x-request-id'));
  });
});

describeEachEngine('credential rate limit', (engine) => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(engine, { AUTH_RATE_LIMIT_PER_MINUTE: '3', GUEST_RATE_LIMIT_PER_MINUTE: '5' }); });
  afterAll(async () => { await server?.close(); });

  it('answers 429 with Retry-After once an address has tried too often', async () => {
    const attempts = [];
    for (let i = 0; i < 4; i++) attempts.push(await server.call('POST', '/v1/auth/login', { body: { email: 'x@example.test', password: 'whatever1' } }));
    expect(attempts.slice(0, 3).map((r) => r.status)).toEqual([401, 401, 401]);
    const limited = attempts[3]!;
    expect(limited.status).toBe(429);
    expectErrorShape(limited, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits guest accounts per address separately, and more generously', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await server.call('POST', '/v1/auth/guest')).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });
});
