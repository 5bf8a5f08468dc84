import type { PaymentProviderKind } from '../database/entities';

/** What a checkout needs; every amount comes from the server's pack configuration. */
export interface CheckoutRequest {
  purchaseId: string;
  userId: string;
  packId: string;
  title: string;
  diamonds: number;
  price: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  sessionId: string;
  /** Where to send the player to pay. */
  url: string;
}

/** Creates hosted checkout sessions: Stripe Checkout, or the local sandbox page. */
export interface PaymentProvider {
  readonly kind: PaymentProviderKind;
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
}
