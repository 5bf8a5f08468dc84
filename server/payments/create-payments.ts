import type { EntityManager } from '@mikro-orm/core';
import type { Router, RequestHandler } from 'express';
import type { Config } from '../config/config';
import type { Clock } from '../shared/clock';
import type { WalletService } from '../wallet/wallet-service';
import type { PaymentProvider } from './payment-provider';
import { PaymentEventProcessor } from './payment-event-processor';
import { paymentsRouter } from './payments-router';
import { PurchaseService } from './purchase-service';
import { SandboxCheckout } from './sandbox-checkout';
import { SandboxCheckoutProvider } from './sandbox-checkout-provider';
import { StripeCheckoutProvider } from './stripe-checkout-provider';
import { createStripeClient } from './stripe-client';
import { StripeWebhookVerifier } from './stripe-webhook-verifier';

export interface PaymentsDeps {
  stripe: Config['stripe'];
  store: Config['store'];
  em: EntityManager;
  wallet: WalletService;
  clock: Clock;
}

export interface Payments {
  /** `stripe` with STRIPE_SECRET_KEY, else `sandbox` (no money moves) unless that is off (production), then `disabled`. */
  provider: PaymentProvider['kind'] | 'disabled';
  purchases: PurchaseService;
  events: PaymentEventProcessor;
  sandbox: SandboxCheckout | null;
  router(requireUser: RequestHandler): Router;
}

/**
 * Builds the payments module from the configuration: Stripe when a secret key is set, else the
 * sandbox — unless the sandbox is off (production without PAYMENTS_SANDBOX=true): a production
 * server missing its Stripe key must not hand out free diamonds, so checkout is then refused.
 */
export function createPayments(deps: PaymentsDeps): Payments {
  const { em, clock, wallet } = deps;
  const { secretKey, webhookSecret, apiBase } = deps.stripe;
  const provider: PaymentProvider | null = secretKey
    ? new StripeCheckoutProvider(createStripeClient({ secretKey, apiBase }))
    : deps.store.sandbox
      ? new SandboxCheckoutProvider()
      : null;
  const purchases = new PurchaseService({ em, clock, provider, packs: deps.store.packs });
  const events = new PaymentEventProcessor({ em, clock, wallet });
  const sandbox = provider?.kind === 'sandbox' ? new SandboxCheckout({ em, events }) : null;
  const webhook = webhookSecret ? new StripeWebhookVerifier(webhookSecret) : null;
  return {
    provider: provider?.kind ?? 'disabled',
    purchases,
    events,
    sandbox,
    router: (requireUser) => paymentsRouter({ purchases, events, webhook, sandbox, requireUser }),
  };
}
