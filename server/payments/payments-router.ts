import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { CheckoutStarted, Purchase, PurchaseList, SandboxLanding, StoreCatalogue, WebhookReceipt } from '../../api/payments';
import { ApiError } from '../http/api-error';
import { asyncRoute } from '../http/async-route';
import { rawBodyOf } from '../http/raw-body';
import { userIdOf } from '../http/require-user';
import { parseInput } from '../http/validate';
import { DomainError } from '../shared/domain-error';
import type { PaymentEventProcessor } from './payment-event-processor';
import type { PurchaseService } from './purchase-service';
import type { SandboxCheckout } from './sandbox-checkout';
import { sandboxPage } from './sandbox-page';
import type { StripeWebhookVerifier } from './stripe-webhook-verifier';

export interface PaymentsRouterDeps {
  purchases: PurchaseService;
  events: PaymentEventProcessor;
  /** Null when STRIPE_WEBHOOK_SECRET is not set: the webhook then answers 503. */
  webhook: StripeWebhookVerifier | null;
  /** Null when a real provider (Stripe) is configured: the sandbox pages do not exist then. */
  sandbox: SandboxCheckout | null;
  requireUser: RequestHandler;
}

// Only the pack is chosen by the client. Anything else sent (a price, an amount) is ignored.
const checkoutBody = z.object({ packId: z.string().trim().min(1).max(64) });
const WEBHOOK_LIMIT = '512kb';

/**
 * The payments sidecar's REST surface: the store (packs, checkout, purchases), Stripe's webhook,
 * and — without a Stripe key — the sandbox checkout pages.
 */
export function paymentsRouter(deps: PaymentsRouterDeps): Router {
  const router = Router();

  router.get('/v1/store/packs', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json({ items: deps.purchases.packs(), provider: deps.purchases.providerKind } satisfies StoreCatalogue);
  });

  router.post(
    '/v1/store/checkout',
    deps.requireUser,
    asyncRoute(async (req, res) => {
      const { packId } = parseInput(checkoutBody, req.body, 'checkout request');
      const origin = clientOrigin(req);
      const started = await deps.purchases.checkout(userIdOf(res), packId, {
        success: (id) => `${origin}/#/store/success/${id}`,
        cancel: (id) => `${origin}/#/store/cancel/${id}`,
      });
      res.status(201).set('Cache-Control', 'no-store').json(started satisfies CheckoutStarted);
    }),
  );

  router.get(
    '/v1/store/purchases',
    deps.requireUser,
    asyncRoute(async (_req, res) => {
      res.set('Cache-Control', 'no-store').json({ items: await deps.purchases.purchases(userIdOf(res)) } satisfies PurchaseList);
    }),
  );

  router.get(
    '/v1/store/purchases/:purchaseId',
    deps.requireUser,
    asyncRoute(async (req, res) => {
      res.set('Cache-Control', 'no-store').json((await deps.purchases.purchase(userIdOf(res), String(req.params.purchaseId))) satisfies Purchase);
    }),
  );

  router.post(
    '/v1/payments/stripe/webhook',
    // express.json (app-wide) keeps the raw bytes of JSON bodies; this reads any other content type.
    express.raw({ type: () => true, limit: WEBHOOK_LIMIT }),
    asyncRoute(async (req, res) => {
      if (!deps.webhook) throw new ApiError(503, 'WEBHOOK_NOT_CONFIGURED', 'Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET)');
      const raw = rawBodyOf(req);
      if (!raw) throw new ApiError(400, 'MISSING_BODY', 'The webhook has no body');
      const event = deps.webhook.verify(raw, req.get('stripe-signature'));
      const processed = await deps.events.process(event, 'stripe');
      res.json({ received: true, outcome: processed.outcome, duplicate: processed.duplicate } satisfies WebhookReceipt);
    }),
  );

  const sandbox = deps.sandbox;
  if (sandbox) {
    router.get(
      '/v1/store/sandbox/:purchaseId',
      asyncRoute(async (req, res) => {
        const purchase = await sandbox.pending(String(req.params.purchaseId));
        const title = deps.purchases.packs().find((p) => p.id === purchase.packId)?.title ?? purchase.packId;
        res.set('Cache-Control', 'no-store').type('html').send(sandboxPage(purchase, title));
      }),
    );
    for (const action of ['complete', 'cancel'] as const) {
      router.post(
        `/v1/store/sandbox/:purchaseId/${action}`,
        asyncRoute(async (req, res) => {
          const purchaseId = String(req.params.purchaseId);
          try {
            await (action === 'complete' ? sandbox.complete(purchaseId) : sandbox.cancel(purchaseId));
          } catch (error) {
            // A second click after the first went through: land where the first one did.
            if (!(error instanceof DomainError && error.code === 'PURCHASE_NOT_PENDING')) throw error;
          }
          const landed = (await sandbox.pending(purchaseId)).status === 'paid' ? 'success' : 'cancel';
          if (req.accepts(['html', 'json']) === 'json') res.json({ status: landed } satisfies SandboxLanding);
          else res.redirect(303, `${clientOrigin(req)}/#/store/${landed}/${purchaseId}`);
        }),
      );
    }
  }
  return router;
}

/** Where the web client was loaded from (the Vite dev server forwards with its own Origin). */
function clientOrigin(req: Request): string {
  const origin = req.get('origin');
  if (origin && /^https?:\/\/[^\s/]+$/.test(origin)) return origin;
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
