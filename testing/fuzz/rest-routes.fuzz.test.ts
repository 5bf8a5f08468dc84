/**
 * Bad input never answers 500 (DESIGN.md §4): every REST route, driven with generated hostile
 * requests against the real composition on both engines. Each answer is a documented success or a
 * 4xx in the error shape; refusals change no data; the process stays up.
 *
 * Replay or widen a run: FUZZ_SEED=<seed printed on failure> FUZZ_RUNS=500 npx vitest run testing/fuzz
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LedgerEntry, PaymentEvent, PlayerProgress, Purchase, User, Wallet } from '../../server/database/entities';
import { ManualClock } from '../../server/shared/clock';
import { describeEachEngine } from '../test-database';
import { startTestServer, type TestServer } from '../test-server';
import { FUZZ_RUNS, fuzzOptions, pathSegment } from './arbitraries';
import { sampleChapter } from '../../server/studio/studio-test-kit';
import { REST_ROUTES, type FuzzContext, type FuzzRequest } from './rest-routes';

const SECRETS = {
  JWT_SECRET: 'fuzz-secret-fuzz-secret-fuzz-secret-0123',
  STRIPE_WEBHOOK_SECRET: 'whsec_fuzz_webhook_secret',
  ADMIN_TOKEN: 'fuzz-admin-token-0123456789',
};
const WITNESS = { email: 'witness@example.test', password: 'a witness password' };

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends the request byte for byte (fetch would normalise the path first). */
function send(port: number, request: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // An explicit length: node:http sends a DELETE body unframed, and the server would read it as a second request.
    const headers = request.body === undefined ? request.headers : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: request.method, path: request.path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** A documented success, or a 4xx whose JSON body has the error shape; never a 5xx. */
function expectCleanAnswer(answer: Answer, ok: number[], what: string): void {
  const context = `${what} → ${answer.status} ${answer.text.slice(0, 300)}`;
  if (ok.includes(answer.status)) return;
  expect(answer.status, context).toBeGreaterThanOrEqual(400);
  expect(answer.status, context).toBeLessThan(500);
  expect(answer.contentType, context).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { error?: Record<string, unknown> };
  expect(Object.keys(body), context).toEqual(['error']);
  expect(body.error, context).toEqual({ code: expect.stringMatching(/^[A-Z][A-Z0-9_]*$/), message: expect.any(String), details: expect.any(Object), request_id: expect.any(String) });
  expect(body.error?.request_id, context).not.toBe('');
}

const describeRequest = (r: FuzzRequest) => JSON.stringify({ method: r.method, path: r.path, headers: r.headers, body: r.body?.slice(0, 200) });

describeEachEngine('fuzz: REST routes', (engine) => {
  let server: TestServer;
  let ctx: FuzzContext;
  let witness: { token: string; snapshot: string };
  let counts: Awaited<ReturnType<typeof countRows>>;
  let usersCreated = 0;
  let buyerToken = '';
  let pendingPurchase = '';

  const get = (path: string, token: string) => server.call('GET', path, { token });
  const snapshotOf = async (token: string) => JSON.stringify(await Promise.all(['/v1/user/me', '/v1/inventory', '/v1/progress', '/v1/store/purchases'].map(async (path) => (await get(path, token)).json)));
  let existingUsers: string[] = [];
  /** Row counts; ledger, progress and purchases of the accounts (bar the fuzzing one) that existed before the fuzz. */
  const countRows = async () => {
    const em = server.orm.em.fork();
    const ofExisting = { user: { $in: existingUsers } };
    return { users: await em.count(User), wallets: await em.count(Wallet), ledger: await em.count(LedgerEntry, ofExisting), progress: await em.count(PlayerProgress, ofExisting), purchases: await em.count(Purchase, ofExisting), paymentEvents: await em.count(PaymentEvent) };
  };

  beforeAll(async () => {
    const clock = new ManualClock(new Date());
    server = await startTestServer(engine, { ...SECRETS, AUTH_RATE_LIMIT_PER_MINUTE: '100000', GUEST_RATE_LIMIT_PER_MINUTE: '1000000' }, clock);
    const registered = await server.call('POST', '/v1/auth/register', { body: WITNESS });
    witness = { token: registered.json.accessToken, snapshot: '' };
    witness.snapshot = await snapshotOf(witness.token);
    const actor = await server.call('POST', '/v1/auth/guest');
    const packIds = ((await server.call('GET', '/v1/store/packs')).json.items as { id: string }[]).map((pack) => pack.id);
    // Another player's checkout, left pending: no fuzzed sandbox or webhook call may settle it.
    const buyer = await server.call('POST', '/v1/auth/guest');
    const pending = await server.call('POST', '/v1/store/checkout', { token: buyer.json.accessToken, body: { packId: packIds[0] } });
    // A writer with a story and a clean chapter draft, so the studio routes get past their first checks.
    const writer = await server.call('POST', '/v1/auth/register', { body: { email: 'writer@example.test', password: 'a writer password' } });
    const studioStory = await server.call('POST', '/v1/studio/stories', { token: writer.json.accessToken, body: { title: 'Fuzzed Tides', description: 'x', genre: 'mystery' } });
    const studioChapterId = `${studioStory.json.story.id}-ch1`;
    await server.call('PUT', `/v1/studio/stories/${studioStory.json.story.id}/chapters/${studioChapterId}`, { token: writer.json.accessToken, body: sampleChapter() });
    const firstPage = await server.call('GET', '/v1/stories?limit=1');
    const stories = (await server.call('GET', '/v1/stories?limit=50')).json.items as { id: string }[];
    const details = await Promise.all(stories.map(async (s) => (await server.call('GET', `/v1/stories/${s.id}`)).json as { chapters: { id: string }[] }));
    ctx = {
      actorToken: actor.json.accessToken,
      actorUserId: actor.json.user.id,
      jwtSecret: SECRETS.JWT_SECRET,
      webhookSecret: SECRETS.STRIPE_WEBHOOK_SECRET,
      adminToken: SECRETS.ADMIN_TOKEN,
      nowSeconds: Math.floor(clock.now().getTime() / 1000),
      witnessEmail: WITNESS.email,
      storyIds: stories.map((s) => s.id),
      chapterIds: details.flatMap((d) => d.chapters.map((c) => c.id)),
      packIds,
      cursor: firstPage.json.nextCursor,
      purchaseId: pending.json.purchase.id,
      writerToken: writer.json.accessToken,
      studioStoryId: studioStory.json.story.id,
      studioChapterId,
    };
    buyerToken = buyer.json.accessToken;
    pendingPurchase = JSON.stringify((await server.call('GET', `/v1/store/purchases/${ctx.purchaseId}`, { token: buyerToken })).json);
    // The fuzzing player's own data may change by a valid-by-chance request; everyone else's may not.
    existingUsers = (await server.orm.em.fork().find(User, {}, { fields: ['id'] })).map((user) => user.id).filter((id) => id !== ctx.actorUserId);
    counts = await countRows();
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const route of REST_ROUTES) {
    it(`${route.name}: a documented success or a 4xx in the error shape, never a 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(route.request(ctx), async (request) => {
          const usersBefore = route.createsUser ? (await countRows()).users : 0;
          const answer = await send(server.port, request);
          expectCleanAnswer(answer, route.ok, describeRequest(request));
          if (!route.createsUser) return;
          const usersAfter = (await countRows()).users;
          // A refused registration created no account; an accepted one created exactly one.
          expect(usersAfter - usersBefore, describeRequest(request)).toBe(route.ok.includes(answer.status) ? 1 : 0);
          usersCreated += usersAfter - usersBefore;
        }),
        fuzzOptions(),
      );
    });
  }

  it('headers with bytes outside ASCII are refused or ignored, never a 5xx', async () => {
    // Visible ASCII, tab and obs-text (0x80–0xFF): what an HTTP parser hands on to the app.
    const header = fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => Buffer.from(bytes.map((b) => (b < 0x20 || b === 0x7f ? 0x09 : b))));
    const target = fc.oneof(fc.constantFrom('/v1/stories', '/v1/user/me', '/v1/inventory', '/v1/auth/login', '/healthz'), pathSegment.map((s) => `/v1/stories/${s}`));
    await fc.assert(
      fc.asyncProperty(target, fc.constantFrom('authorization', 'content-type', 'if-none-match', 'x-request-id', 'origin', 'cookie', 'stripe-signature'), header, async (path, name, value) => {
        const status = await rawStatus(server.port, path, name, value);
        expect(status, `${path} ${name}: ${value.toString('hex')}`).toBeGreaterThanOrEqual(200);
        expect(status, `${path} ${name}: ${value.toString('hex')}`).toBeLessThan(500);
      }),
      fuzzOptions(Math.ceil(FUZZ_RUNS / 2)),
    );
  });

  it('a NUL or control byte in a header is refused, ignored or (by uWS) dropped, never a 5xx', async () => {
    for (const [path, ignored] of [['/v1/stories', 200], ['/v1/inventory', 401]] as const) {
      for (const byte of [0x00, 0x01, 0x1f, 0x7f]) {
        const status = await rawStatus(server.port, path, 'authorization', Buffer.from([0x42, byte, 0x43]), 500);
        expect([DROPPED, 400, ignored], `${path}, byte ${byte}: ${status}`).toContain(status);
      }
    }
  });

  it('changed no data: the witness account, the ledgers and the counts are as before (bar accepted sign-ups)', async () => {
    expect(await snapshotOf(witness.token)).toBe(witness.snapshot);
    expect(JSON.stringify((await server.call('GET', `/v1/store/purchases/${ctx.purchaseId}`, { token: buyerToken })).json)).toBe(pendingPurchase);
    const login = await server.call('POST', '/v1/auth/login', { body: WITNESS });
    expect(login.status).toBe(200);
    const now = await countRows();
    expect({ ...now, wallets: 0 }).toEqual({ ...counts, users: counts.users + usersCreated, wallets: 0 });
    // Each account has at most one wallet, and no refused request made one.
    expect(now.wallets - counts.wallets).toBeLessThanOrEqual(usersCreated);
  });

  it('is still alive and serving', async () => {
    expect((await server.call('GET', '/healthz')).status).toBe(200);
    expect((await server.call('GET', '/v1/stories')).status).toBe(200);
  });
});

/** No answer at all: uWS drops a request whose header holds a control byte (Node's parser answers 400). */
const DROPPED = -1;

/** One GET over a bare socket, so a header can carry bytes no HTTP client would send. */
function rawStatus(port: number, path: string, name: string, value: Buffer, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('connect', () => {
      socket.write(Buffer.concat([Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${name}: `), value, Buffer.from('\r\n\r\n')]));
    });
    const statusLine = () => /^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // The status is all this needs; some servers keep the socket open despite `Connection: close`.
      if (statusLine()) socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const line = statusLine();
      // A server that drops a request it cannot parse has refused it; that is not a failure.
      resolve(line ? Number(line[1]) : 400);
    });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(DROPPED);
    });
  });
}
