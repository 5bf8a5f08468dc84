import type Stripe from 'stripe';
import { DomainError } from '../shared/domain-error';
import type { CheckoutRequest, CheckoutSession, PaymentProvider } from './payment-provider';

/** Stripe Checkout (mode `payment`), one session per purchase. */
export class StripeCheckoutProvider implements PaymentProvider {
  readonly kind = 'stripe' as const;

  constructor(private readonly stripe: Stripe) {}

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const metadata = { purchaseId: request.purchaseId, userId: request.userId, packId: request.packId };
    let session: Stripe.Checkout.Session;
    try {
      session = await this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          client_reference_id: request.purchaseId,
          metadata,
          // Copied onto the payment, so refunds and disputes seen in the dashboard name the purchase too.
          payment_intent_data: { metadata },
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency,
                unit_amount: request.price,
                product_data: { name: request.title, description: `${request.diamonds} diamonds for StoryVerse` },
              },
            },
          ],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        // A retried request never opens a second session for the same purchase.
        { idempotencyKey: `checkout:${request.purchaseId}` },
      );
    } catch (error) {
      throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'The payment provider could not start the checkout; try again shortly', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    if (!session.url) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'The payment provider returned no checkout address');
    return { sessionId: session.id, url: session.url };
  }
}
