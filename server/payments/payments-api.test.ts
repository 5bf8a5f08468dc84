import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentEvent } from '../database/entities';
import { describeEachEngine } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { transportsUnderTest } from '../../testing/transports';
import { DEFAULT_STORE_PACKS, packDiamonds } from './store-packs';
import { StripeStub } from './stripe-stub';

const SECRET = 'whsec_test_storyverse_payments';
const CHEST = DEFAULT_STORE_PACKS[1]!;
const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });

function paidEvent(id: string, session: { id: string; purchaseId: string; paymentIntent: string }, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { id: session.id, object: 'checkout.session', mode: 'payment', status: 'complete', payment_status: 'paid', client_reference_id: session.purchaseId, payment_intent: session.paymentIntent, amount_total: CHEST.price, currency: CHEST.currency, ...overrides } },
  });
}

function refundedEvent(id: string, paymentIntent: string): string {
  return JSON.stringify({ id, object: 'event', type: 'charge.refunded', created: Math.floor(Date.now() / 1000), data: { object: { id: `ch_${id}`, object: 'charge', payment_intent: paymentIntent, amount: CHEST.price, amount_refunded: CHEST.price, refunded: true } } });
}

const TRANSPORTS = await transportsUnderTest();

describeEachEngine('payments over HTTP with the real stripe SDK', (engine) => {
  // The webhook needs the raw body, which each transport's HTTP layer hands over differently.
  describe.each(TRANSPORTS)('on the %s transport', (transport) => {
    const stub = new StripeStub();
    let server: TestServer;

    beforeAll(async () => {
      const apiBase = await stub.start();
      server = await startTestServer(engine, { TRANSPORT: transport, WELCOME_DIAMONDS: '0', STRIPE_SECRET_KEY: 'sk_test_storyverse', STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_API_BASE: apiBase });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await stub.close();
    });

    const guest = async () => {
      const response = await server.call('POST', '/v1/auth/guest');
      return { token: response.json.accessToken as string, userId: response.json.user.id as string };
    };
    const diamonds = async (token: string) => (await server.call('GET', '/v1/inventory', { token })).json.diamonds as number;
    const webhook = (payload: string, signature: string | undefined) =>
      server.call('POST', '/v1/payments/stripe/webhook', { body: payload, headers: signature === undefined ? {} : { 'stripe-signature': signature } });
    const eventStored = async (id: string) => (await server.orm.em.fork().findOne(PaymentEvent, { id })) !== null;

    async function checkout(token: string, body: Record<string, unknown> = { packId: CHEST.id }) {
      const response = await server.call('POST', '/v1/store/checkout', { token, body });
      expect(response.status).toBe(201);
      const request = stub.sessionRequests().at(-1)!;
      return { response, request, session: { id: response.json.sessionId as string, purchaseId: response.json.purchase.id as string, paymentIntent: `pi_${response.json.sessionId}` } };
    }

    it('lists the configured packs', async () => {
      expect(server.transport).toBe(transport);
      const packs = await server.call('GET', '/v1/store/packs');
      expect(packs.status).toBe(200);
      expect(packs.json.provider).toBe('stripe');
      expect(packs.json.items).toHaveLength(DEFAULT_STORE_PACKS.length);
      expect(packs.json.items[1]).toEqual({ id: CHEST.id, title: CHEST.title, diamonds: CHEST.diamonds, bonus: CHEST.bonus, total: packDiamonds(CHEST), price: { amount: CHEST.price, currency: CHEST.currency } });
    });

    it('creates a Checkout Session through the SDK with the server price, whatever the client sends', async () => {
      const { token, userId } = await guest();
      const { response, request } = await checkout(token, { packId: CHEST.id, price: 1, amount: 1, diamonds: 999_999, currency: 'jpy' });

      expect(response.json).toMatchObject({ provider: 'stripe', checkoutUrl: `https://checkout.stripe.test/c/pay/${response.json.sessionId}`, purchase: { status: 'pending', packId: CHEST.id, diamonds: packDiamonds(CHEST), price: { amount: CHEST.price, currency: CHEST.currency } } });
      expect(request.headers.authorization).toBe('Bearer sk_test_storyverse');
      const form = request.form;
      expect(form.get('mode')).toBe('payment');
      expect(form.get('client_reference_id')).toBe(response.json.purchase.id);
      expect(form.get('metadata[userId]')).toBe(userId);
      expect(form.get('metadata[packId]')).toBe(CHEST.id);
      expect(form.get('line_items[0][price_data][unit_amount]')).toBe(String(CHEST.price));
      expect(form.get('line_items[0][price_data][currency]')).toBe(CHEST.currency);
      expect(form.get('success_url')).toMatch(new RegExp(`/#/store/success/${response.json.purchase.id}$`));
      expect(form.get('cancel_url')).toMatch(new RegExp(`/#/store/cancel/${response.json.purchase.id}$`));
      expect([...form.values()].join(' ')).not.toMatch(/999999|jpy/);
    });

    it('refuses checkouts without a user, for unknown packs, or without a pack', async () => {
      const { token } = await guest();
      expect((await server.call('POST', '/v1/store/checkout', { body: { packId: CHEST.id } })).json.error.code).toBe('UNAUTHENTICATED');
      const unknown = await server.call('POST', '/v1/store/checkout', { token, body: { packId: 'free-diamonds' } });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error).toMatchObject({ code: 'PACK_NOT_FOUND', request_id: expect.any(String) });
      expect((await server.call('POST', '/v1/store/checkout', { token, body: { price: 1 } })).json.error.code).toBe('VALIDATION_FAILED');
    });

    it('rejects bad, missing, wrongly keyed and stale signatures with 400, changing nothing', async () => {
      const { token } = await guest();
      const { session } = await checkout(token);
      const payload = paidEvent(`evt_bad_${transport}`, session);
      const forged = sign(payload).replace(/v1=[0-9a-f]+/, `v1=${'0'.repeat(64)}`);
      const attempts = [
        await webhook(payload, forged),
        await webhook(payload, undefined),
        await webhook(payload, sign(payload, { secret: 'whsec_someone_else' })),
        await webhook(payload, sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 })),
        // A valid signature over other bytes: the body was tampered with.
        await webhook(payload.replace('"paid"', '"paid" '), sign(payload)),
      ];
      for (const attempt of attempts) {
        expect(attempt.status).toBe(400);
        expect(attempt.json.error).toMatchObject({ code: expect.stringMatching(/^(INVALID_SIGNATURE|MISSING_SIGNATURE)$/), message: expect.any(String), details: {}, request_id: expect.any(String) });
      }
      expect(attempts[3]!.json.error.message).toMatch(/too old/);
      expect(await diamonds(token)).toBe(0);
      expect(await eventStored(`evt_bad_${transport}`)).toBe(false);
      expect((await server.call('GET', '/v1/store/purchases', { token })).json.items[0].status).toBe('pending');
    });

    it('grants once under concurrent and repeated deliveries, then a refund takes the diamonds back', async () => {
      const { token } = await guest();
      const { session } = await checkout(token);
      const payload = paidEvent(`evt_paid_${transport}`, session);

      const concurrent = await Promise.all([1, 2, 3, 4, 5].map(() => webhook(payload, sign(payload))));
      const later = await webhook(payload, sign(payload));

      expect([...concurrent, later].map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect([...concurrent, later].filter((r) => r.json.duplicate === false)).toHaveLength(1);
      expect(await diamonds(token)).toBe(packDiamonds(CHEST));
      const paid = (await server.call('GET', `/v1/store/purchases/${session.purchaseId}`, { token })).json;
      expect(paid).toMatchObject({ status: 'paid', diamondsGranted: packDiamonds(CHEST) });

      const refund = refundedEvent(`evt_refund_${transport}`, session.paymentIntent);
      expect((await webhook(refund, sign(refund))).json).toMatchObject({ received: true, outcome: 'refunded' });
      expect(await diamonds(token)).toBe(0);
      const history = await server.call('GET', '/v1/store/purchases', { token });
      expect(history.json.items).toEqual([expect.objectContaining({ id: session.purchaseId, status: 'refunded', diamondsReclaimed: packDiamonds(CHEST), shortfall: 0 })]);
    });

    it('a webhook sent as text/plain is verified on its raw bytes too', async () => {
      const { token } = await guest();
      const { session } = await checkout(token);
      const payload = paidEvent(`evt_plain_${transport}`, session);
      const response = await server.call('POST', '/v1/payments/stripe/webhook', { body: payload, headers: { 'content-type': 'text/plain', 'stripe-signature': sign(payload) } });
      expect(response.status).toBe(200);
      expect(await diamonds(token)).toBe(packDiamonds(CHEST));
    });

    it('no client route grants diamonds: the sandbox does not exist next to Stripe, and purchases are per player', async () => {
      const { token } = await guest();
      const { session } = await checkout(token);
      expect((await server.call('POST', `/v1/store/sandbox/${session.purchaseId}/complete`)).status).toBe(404);
      expect((await server.call('GET', `/v1/store/sandbox/${session.purchaseId}`)).status).toBe(404);
      const other = await guest();
      expect((await server.call('GET', `/v1/store/purchases/${session.purchaseId}`, { token: other.token })).json.error.code).toBe('PURCHASE_NOT_FOUND');
      expect(await diamonds(token)).toBe(0);
    });

    it('answers 502 when Stripe fails, and the purchase is marked failed', async () => {
      const { token } = await guest();
      stub.failWith = 400;
      try {
        const response = await server.call('POST', '/v1/store/checkout', { token, body: { packId: CHEST.id } });
        expect(response.status).toBe(502);
        expect(response.json.error.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
      } finally {
        stub.failWith = null;
      }
      expect((await server.call('GET', '/v1/store/purchases', { token })).json.items[0].status).toBe('failed');
    });
  });
});

describeEachEngine('the sandbox store (no STRIPE_SECRET_KEY)', (engine) => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(engine, { WELCOME_DIAMONDS: '0' }); }, 60_000);
  afterAll(async () => { await server?.close(); });

  it('checks out on a local page labelled as a sandbox, completes once, and grants the pack', async () => {
    const { accessToken: token } = (await server.call('POST', '/v1/auth/guest')).json;
    expect((await server.call('GET', '/v1/store/packs')).json.provider).toBe('sandbox');
    const started = await server.call('POST', '/v1/store/checkout', { token, body: { packId: CHEST.id } });
    expect(started.status).toBe(201);
    const purchaseId = started.json.purchase.id as string;
    expect(started.json.checkoutUrl).toBe(`/v1/store/sandbox/${purchaseId}`);

    const page = await server.call('GET', started.json.checkoutUrl);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('Sandbox — no money moves');
    expect(page.text).toContain(`action="/v1/store/sandbox/${purchaseId}/complete"`);

    const complete = () => server.call('POST', `/v1/store/sandbox/${purchaseId}/complete`, { headers: { origin: 'http://client.test', accept: 'text/html' } });
    const clicks = await Promise.all([complete(), complete()]);
    for (const click of [...clicks, await complete()]) {
      expect(click.status).toBe(303);
      expect(click.headers.get('location')).toBe(`http://client.test/#/store/success/${purchaseId}`);
    }
    expect((await server.call('GET', '/v1/inventory', { token })).json.diamonds).toBe(packDiamonds(CHEST));
    expect((await server.call('GET', `/v1/store/purchases/${purchaseId}`, { token })).json.status).toBe('paid');
  });

  it('cancelling fails the purchase and grants nothing; the webhook is not configured', async () => {
    const { accessToken: token } = (await server.call('POST', '/v1/auth/guest')).json;
    const purchaseId = (await server.call('POST', '/v1/store/checkout', { token, body: { packId: CHEST.id } })).json.purchase.id as string;
    const cancel = await server.call('POST', `/v1/store/sandbox/${purchaseId}/cancel`, { headers: { accept: 'application/json' } });
    expect(cancel.json).toEqual({ status: 'cancel' });
    expect((await server.call('POST', `/v1/store/sandbox/${purchaseId}/complete`, { headers: { accept: 'application/json' } })).json).toEqual({ status: 'cancel' });
    expect((await server.call('GET', `/v1/store/purchases/${purchaseId}`, { token })).json.status).toBe('failed');
    expect((await server.call('GET', '/v1/inventory', { token })).json.diamonds).toBe(0);
    const webhook = await server.call('POST', '/v1/payments/stripe/webhook', { body: '{}', headers: { 'stripe-signature': 't=1,v1=00' } });
    expect(webhook.status).toBe(503);
    expect(webhook.json.error.code).toBe('WEBHOOK_NOT_CONFIGURED');
  });
});

describe('a production server without a Stripe key', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer('sqlite', { NODE_ENV: 'production', WELCOME_DIAMONDS: '0' }); }, 60_000);
  afterAll(async () => { await server?.close(); });

  it('lists its packs but takes no payments and has no sandbox: no free diamonds', async () => {
    const { accessToken: token } = (await server.call('POST', '/v1/auth/guest')).json;
    expect((await server.call('GET', '/v1/store/packs')).json.provider).toBe('disabled');
    const refused = await server.call('POST', '/v1/store/checkout', { token, body: { packId: CHEST.id } });
    expect(refused.status).toBe(503);
    expect(refused.json.error.code).toBe('STORE_UNAVAILABLE');
    expect((await server.call('GET', '/v1/store/purchases', { token })).json.items).toEqual([]);
    expect((await server.call('POST', `/v1/store/sandbox/00000000-0000-4000-8000-000000000000/complete`)).status).toBe(404);
  });
});
