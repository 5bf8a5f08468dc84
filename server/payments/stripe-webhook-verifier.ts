import Stripe from 'stripe';
import { ApiError } from '../http/api-error';
import type { PaymentEventInput } from './payment-event';

/** Seconds a signed webhook stays acceptable (Stripe's default): an older replay is refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Checks the `Stripe-Signature` header against the raw request bytes with STRIPE_WEBHOOK_SECRET. */
export class StripeWebhookVerifier {
  constructor(
    private readonly secret: string,
    private readonly toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
  ) {}

  verify(rawBody: Buffer, signature: string | undefined): PaymentEventInput {
    if (!signature) throw new ApiError(400, 'MISSING_SIGNATURE', 'The Stripe-Signature header is missing');
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signature, this.secret, this.toleranceSeconds);
    } catch (error) {
      const stale = error instanceof Error && /timestamp outside the tolerance/i.test(error.message);
      throw new ApiError(400, 'INVALID_SIGNATURE', stale ? 'The webhook signature is too old (outside the tolerance)' : 'The webhook signature does not match the payload');
    }
    if (typeof event.id !== 'string' || typeof event.type !== 'string' || typeof event.data !== 'object' || event.data === null) {
      throw new ApiError(400, 'INVALID_EVENT', 'The webhook payload is not a Stripe event');
    }
    return { id: event.id, type: event.type, data: { object: event.data.object } };
  }
}
