import type { CheckoutRequest, CheckoutSession, PaymentProvider } from './payment-provider';

/**
 * Without STRIPE_SECRET_KEY: the "checkout" is a local page (sandbox-page.ts) whose buttons
 * complete or cancel the purchase through the same event handling as Stripe's webhooks.
 */
export class SandboxCheckoutProvider implements PaymentProvider {
  readonly kind = 'sandbox' as const;

  createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    return Promise.resolve({ sessionId: sandboxSessionId(request.purchaseId), url: `/v1/store/sandbox/${request.purchaseId}` });
  }
}

export function sandboxSessionId(purchaseId: string): string {
  return `cs_sandbox_${purchaseId}`;
}
