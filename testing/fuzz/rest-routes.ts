/**
 * Every REST route of DESIGN.md §4 (and the routers in server/*), each with a generator of hostile
 * requests and the success statuses it may give when a generated request happens to be valid.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { sampleChapter } from '../../server/studio/studio-test-kit';
import { badAuthorization, hostileId, nastyString, oddJson, pathSegment, queryString, rawBody, type RawBody } from './arbitraries';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a route's generator may use: the fuzzing player's token and the server's secrets. */
export interface FuzzContext {
  actorToken: string;
  actorUserId: string;
  jwtSecret: string;
  webhookSecret: string;
  adminToken: string;
  nowSeconds: number;
  witnessEmail: string;
  storyIds: string[];
  chapterIds: string[];
  packIds: string[];
  /** A page cursor the server issued. */
  cursor: string;
  /** A pending sandbox purchase of another account (refusals must leave it pending). */
  purchaseId: string;
  /** An account with an email that owns `studioStoryId`, whose chapter `studioChapterId` has a clean draft. */
  writerToken: string;
  studioStoryId: string;
  studioChapterId: string;
}

export interface FuzzRoute {
  name: string;
  /** Statuses a valid-by-chance request may get; anything else must be a 4xx with the error shape. */
  ok: number[];
  /** Creates an account when it succeeds (the suite checks that a refusal created none). */
  createsUser?: boolean;
  request(ctx: FuzzContext): fc.Arbitrary<FuzzRequest>;
}

/** A fresh, valid email (so a mutated registration gets past EMAIL_TAKEN to its hostile field). */
const freshEmail = fc.uuid().map((id) => `fuzz.${id.slice(0, 8)}@example.test`);
const PASSWORD = 'correct horse battery';

/** The player's own token most of the time, else a bad one or none. */
const authHeader = (ctx: FuzzContext) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant({ authorization: `Bearer ${ctx.actorToken}` }) },
    { weight: 2, arbitrary: badAuthorization(ctx.jwtSecret, ctx.actorUserId, ctx.nowSeconds).map((authorization) => ({ authorization })) },
    { weight: 1, arbitrary: fc.constant({}) },
  );

const withBody = (method: string, path: string, headers: Record<string, string>, body: RawBody): FuzzRequest => ({
  method,
  path,
  headers: { ...headers, 'content-type': body.contentType },
  body: body.body,
});

function get(name: string, ok: number[], path: (ctx: FuzzContext) => fc.Arbitrary<string>, authenticated = false): FuzzRoute {
  return {
    name,
    ok,
    request: (ctx) => fc.tuple(path(ctx), authenticated ? authHeader(ctx) : fc.constant({})).map(([p, headers]) => ({ method: 'GET', path: p, headers })),
  };
}

/** A POST whose body starts valid (`valid`) and is then made hostile. */
function post(name: string, ok: number[], path: string, valid: (ctx: FuzzContext) => fc.Arbitrary<Record<string, unknown>>, authenticated = false, createsUser = false): FuzzRoute {
  return {
    name,
    ok,
    createsUser,
    request: (ctx) => fc.tuple(authenticated ? authHeader(ctx) : fc.constant({}), rawBody(valid(ctx))).map(([headers, body]) => withBody('POST', path, headers, body)),
  };
}

/** A Stripe-Signature header that is missing, malformed, stale, or signed with another secret. */
function badStripeSignature(ctx: FuzzContext, body: string): fc.Arbitrary<Record<string, string>> {
  const sign = (secret: string, t: number) => `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
  return fc.oneof(
    fc.constant({}),
    fc.constantFrom('', 't=', 'v1=', 't=abc,v1=def', `t=${ctx.nowSeconds}`, `t=${ctx.nowSeconds},v1=${'0'.repeat(64)}`, ',,,', 't=1,v0=1,v1=1,v1=2').map((v) => ({ 'stripe-signature': v })),
    fc.constant({ 'stripe-signature': sign('whsec_not_the_right_secret', ctx.nowSeconds) }),
    // Signed with the right secret, but far outside the tolerance.
    fc.constant({ 'stripe-signature': sign(ctx.webhookSecret, ctx.nowSeconds - 86_400) }),
    fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 }).map((v) => ({ 'stripe-signature': v })),
  );
}

/** The writer's token most of the time; else the guest's (GUEST_NOT_ALLOWED), a bad one, or none. */
const writerAuth = (ctx: FuzzContext) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant({ authorization: `Bearer ${ctx.writerToken}` }) },
    { weight: 1, arbitrary: fc.constant({ authorization: `Bearer ${ctx.actorToken}` }) },
    { weight: 1, arbitrary: badAuthorization(ctx.jwtSecret, ctx.actorUserId, ctx.nowSeconds).map((authorization) => ({ authorization })) },
    { weight: 1, arbitrary: fc.constant({}) },
  );

/** A studio route with a JSON body that starts valid (`valid`), sent as the writer (mostly). */
function studio(name: string, ok: number[], method: string, path: (ctx: FuzzContext) => fc.Arbitrary<string>, valid: (ctx: FuzzContext) => fc.Arbitrary<Record<string, unknown>>): FuzzRoute {
  return {
    name,
    ok,
    request: (ctx) => fc.tuple(writerAuth(ctx), path(ctx), rawBody(valid(ctx))).map(([headers, p, body]) => withBody(method, p, headers, body)),
  };
}

const studioStory = (ctx: FuzzContext) => hostileId([ctx.studioStoryId, ...ctx.storyIds.slice(0, 1)]);
const studioChapter = (ctx: FuzzContext) => fc.tuple(studioStory(ctx), hostileId([ctx.studioChapterId, ...ctx.chapterIds.slice(0, 1)])).map(([s, c]) => `/v1/studio/stories/${s}/chapters/${c}`);

const signUp = () => fc.record({ email: freshEmail, password: fc.constant(PASSWORD), displayName: fc.constantFrom('Ada', 'Zoë 💎') });

export const REST_ROUTES: FuzzRoute[] = [
  post('POST /v1/auth/register', [201], '/v1/auth/register', signUp, false, true),
  post('POST /v1/auth/login', [200], '/v1/auth/login', (ctx) => fc.record({ email: fc.constantFrom(ctx.witnessEmail, 'nobody@example.test'), password: fc.constantFrom(PASSWORD, 'wrong password') })),
  post('POST /v1/auth/guest', [201], '/v1/auth/guest', () => fc.constant({}), false, true),
  post('POST /v1/auth/upgrade', [200], '/v1/auth/upgrade', signUp, true),
  post('POST /v1/auth/refresh', [200], '/v1/auth/refresh', () => fc.record({ refreshToken: fc.constantFrom('a'.repeat(43), 'rt_abc') })),
  post('POST /v1/auth/logout', [204], '/v1/auth/logout', () => fc.record({ refreshToken: fc.constant('a'.repeat(43)), everywhere: fc.boolean() }, { requiredKeys: [] }), true),
  get('GET /v1/user/me', [200], () => fc.constant('/v1/user/me'), true),
  get('GET /v1/stories?…', [200], (ctx) => queryString({ genre: ['mystery', 'romance', 'horror'], sort: ['popular', 'new'], cursor: [ctx.cursor], limit: ['1', '50', '51', '0', '-1', '1e3'] }).map((q) => `/v1/stories?${q}`)),
  get('GET /v1/stories/:storyId', [200], (ctx) => hostileId(ctx.storyIds).map((id) => `/v1/stories/${id}`)),
  get('GET /v1/chapters/:chapterId/bundle', [200, 302], (ctx) => fc.tuple(hostileId(ctx.chapterIds), queryString({ v: ['0'.repeat(64)] })).map(([id, q]) => `/v1/chapters/${id}/bundle?${q}`)),
  get('GET /v1/stories/:storyId/assets/*', [200], (ctx) => fc.tuple(hostileId(ctx.storyIds), fc.array(hostileId(['assets', 'cover.svg']), { minLength: 1, maxLength: 3 })).map(([id, rest]) => `/v1/stories/${id}/assets/${rest.join('/')}`)),
  get('GET /v1/assets/:sha256', [200], () => hostileId(['0'.repeat(64), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']).map((id) => `/v1/assets/${id}`)),
  get('GET /v1/inventory', [200], () => fc.constant('/v1/inventory'), true),
  get('GET /v1/studio/earnings?…', [200], (ctx) => queryString({ cursor: [ctx.cursor, 'eyJlIjoxfQ'], limit: ['1', '100', '101', '0', '-1', '1e3'] }).map((q) => `/v1/studio/earnings?${q}`), true),
  get('GET /v1/progress', [200], () => fc.constant('/v1/progress'), true),
  get('GET /v1/progress/:storyId', [200], (ctx) => hostileId(ctx.storyIds).map((id) => `/v1/progress/${id}`), true),
  get('GET /v1/store/packs', [200], () => queryString({ packId: ['starter'] }).map((q) => `/v1/store/packs?${q}`)),
  post('POST /v1/store/checkout', [201], '/v1/store/checkout', (ctx) => fc.record({ packId: fc.constantFrom(...ctx.packIds) }), true),
  get('GET /v1/store/purchases', [200], () => fc.constant('/v1/store/purchases'), true),
  get('GET /v1/store/purchases/:purchaseId', [200], (ctx) => hostileId([ctx.purchaseId]).map((id) => `/v1/store/purchases/${id}`), true),
  get('GET /v1/store/sandbox/:purchaseId', [200], (ctx) => hostileId([ctx.purchaseId]).map((id) => `/v1/store/sandbox/${id}`)),
  {
    name: 'POST /v1/store/sandbox/:purchaseId/complete|cancel',
    ok: [200, 303],
    // Never the pending purchase's exact id: settling it would be a valid request, not a fuzz.
    request: (ctx) => fc.tuple(hostileId([ctx.purchaseId]).filter((id) => id !== ctx.purchaseId), fc.constantFrom('complete', 'cancel'), rawBody(fc.constant({ status: 'paid' }))).map(([id, action, body]) => withBody('POST', `/v1/store/sandbox/${id}/${action}`, {}, body)),
  },
  {
    name: 'POST /v1/payments/stripe/webhook (bad signatures)',
    ok: [],
    request: (ctx) =>
      rawBody(fc.record({ id: fc.constant('evt_fuzz'), type: fc.constantFrom('checkout.session.completed', 'charge.refunded'), created: fc.constant(ctx.nowSeconds), data: fc.constant({ object: { id: 'cs_fuzz', metadata: { purchaseId: ctx.purchaseId } } }) }))
        .chain((body) => badStripeSignature(ctx, body.body).map((headers) => withBody('POST', '/v1/payments/stripe/webhook', headers, body))),
  },
  get('GET /v1/worlds', [200], () => queryString({ id: ['ember-coast'] }).map((q) => `/v1/worlds?${q}`)),
  studio('POST /v1/studio/stories', [201], 'POST', () => fc.constant('/v1/studio/stories'), () =>
    fc.record({ title: fc.constantFrom('The Tide Clock', 'Zoë 💎'), description: fc.constant('A clock that keeps the sea.'), genre: fc.constantFrom('mystery', 'Science Fiction') }),
  ),
  { name: 'GET /v1/studio/stories', ok: [200], request: (ctx) => writerAuth(ctx).map((headers) => ({ method: 'GET', path: '/v1/studio/stories', headers })) },
  { name: 'GET /v1/studio/stories/:storyId', ok: [200], request: (ctx) => fc.tuple(writerAuth(ctx), studioStory(ctx)).map(([headers, id]) => ({ method: 'GET', path: `/v1/studio/stories/${id}`, headers })) },
  studio('PATCH /v1/studio/stories/:storyId', [200], 'PATCH', (ctx) => studioStory(ctx).map((id) => `/v1/studio/stories/${id}`), () =>
    fc.record({ title: fc.constant('The Tide Clock'), description: fc.constant('Revised.'), genre: fc.constant('mystery'), cover: fc.constantFrom(null, 'assets/bg.png') }, { requiredKeys: [] }),
  ),
  studio('PUT /v1/studio/stories/:storyId/chapters/:chapterId', [200], 'PUT', studioChapter, () => fc.constant(sampleChapter())),
  studio('POST /v1/studio/stories/:storyId/chapters/:chapterId/publish', [200], 'POST', (ctx) => studioChapter(ctx).map((path) => `${path}/publish`), (ctx) =>
    fc.record({ releaseAt: fc.constantFrom(new Date((ctx.nowSeconds + 3600) * 1000).toISOString(), new Date((ctx.nowSeconds - 3600) * 1000).toISOString(), '9999-12-31T23:59:59Z', 'tomorrow') }, { requiredKeys: [] }),
  ),
  {
    name: 'PUT /v1/studio/stories/:storyId/assets/*',
    ok: [201],
    request: (ctx) =>
      fc
        .tuple(writerAuth(ctx), studioStory(ctx), fc.array(hostileId(['assets', 'theme.ogg', 'bg.png']), { minLength: 1, maxLength: 3 }), fc.constantFrom('audio/ogg', 'image/png', 'image/svg+xml', 'application/json', 'text/plain', ''), fc.oneof(nastyString, nastyString.map((s) => `OggS${s}`)))
        .map(([headers, story, rest, contentType, body]) => ({ method: 'PUT', path: `/v1/studio/stories/${story}/assets/${rest.join('/')}`, headers: { ...headers, 'content-type': contentType }, body })),
  },
  get('GET /v1/certificates/keys', [200], () => queryString({ keyId: ['0123456789abcdef'] }).map((q) => `/v1/certificates/keys?${q}`)),
  get('GET /v1/certificates/:certificateId', [200], () => hostileId(['AAAAAAAAAAAAAAAAAAAAAA', 'keys']).map((id) => `/v1/certificates/${id}`)),
  {
    name: 'GET|POST /admin/* (bad credentials)',
    ok: [],
    request: (ctx) =>
      fc
        .tuple(fc.constantFrom('GET', 'POST'), fc.array(pathSegment, { maxLength: 3 }), badAuthorization(ctx.jwtSecret, ctx.actorUserId, ctx.nowSeconds))
        .map(([method, rest, authorization]) => ({ method, path: `/admin/${rest.join('/')}`, headers: { authorization } })),
  },
  get('GET /v1/chapters/:chapterId/comments?…', [200], (ctx) => fc.tuple(hostileId(ctx.chapterIds), queryString({ paragraphId: ['opening.0', ''], cursor: [ctx.cursor, 'eyJlIjoxfQ'], limit: ['1', '100', '101', '0', '-1', '1e3'] })).map(([id, q]) => `/v1/chapters/${id}/comments?${q}`), true),
  { name: 'DELETE /v1/comments/:id', ok: [204], request: (ctx) => fc.tuple(authHeader(ctx), hostileId(['00000000-0000-4000-8000-000000000000'])).map(([headers, id]) => ({ method: 'DELETE', path: `/v1/comments/${id}`, headers })) },
  {
    name: 'POST /v1/comments/:id/report',
    ok: [202],
    request: (ctx) => fc.tuple(authHeader(ctx), hostileId(['00000000-0000-4000-8000-000000000000']), rawBody(fc.record({ reason: fc.constantFrom('spoiler', '', ' ') }))).map(([headers, id, body]) => withBody('POST', `/v1/comments/${id}/report`, headers, body)),
  },
  { name: 'GET /v1/studio/stories/:storyId/stats', ok: [200], request: (ctx) => fc.tuple(writerAuth(ctx), studioStory(ctx)).map(([headers, id]) => ({ method: 'GET', path: `/v1/studio/stories/${id}/stats`, headers })) },
  {
    name: 'unknown routes',
    ok: [],
    request: () =>
      fc
        .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), fc.constantFrom('/v1/', '/v2/', '/', '/assets/', '/v1/stories/x/'), fc.array(pathSegment, { minLength: 1, maxLength: 3 }), fc.option(oddJson))
        .map(([method, prefix, rest, body]): FuzzRequest => {
          const path = `${prefix}${rest.join('/')}x`;
          return body === null || method === 'GET' ? { method, path, headers: {} } : { method, path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
        }),
  },
];
