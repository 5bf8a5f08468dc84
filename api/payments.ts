/** Who takes the money for a purchase. */
export type PaymentProviderKind = 'stripe' | 'sandbox';

/** A diamond pack on sale; prices in the currency's minor unit (cents). */
export interface StorePack {
  id: string;
  title: string;
  diamonds: number;
  bonus: number;
  /** diamonds + bonus: what lands in the wallet. */
  total: number;
  price: { amount: number; currency: string };
}

/** `GET /v1/store/packs`. `sandbox`: the server takes no real payments; `disabled`: it takes none at all. */
export interface StoreCatalogue {
  items: StorePack[];
  provider: PaymentProviderKind | 'disabled';
}

/** `POST /v1/store/checkout` (Bearer). Only the pack is named: the server sets price and diamonds. */
export interface CheckoutRequest {
  packId: string;
}

export type PurchaseStatus = 'pending' | 'paid' | 'refunded' | 'failed';

/** `GET /v1/store/purchases/:purchaseId` (Bearer). Times are ISO 8601. */
export interface Purchase {
  id: string;
  packId: string;
  diamonds: number;
  price: { amount: number; currency: string };
  status: PurchaseStatus;
  provider: PaymentProviderKind;
  diamondsGranted: number;
  diamondsReclaimed: number;
  /** Diamonds a refund could not take back (already spent). */
  shortfall: number;
  createdAt: string;
  paidAt: string | null;
  refundedAt: string | null;
}

/** `GET /v1/store/purchases` (Bearer): newest first. */
export interface PurchaseList {
  items: Purchase[];
}

/** `POST /v1/store/checkout` → 201: where to send the player to pay (`sessionId` is the provider's checkout session). */
export interface CheckoutStarted {
  purchase: Purchase;
  sessionId: string;
  checkoutUrl: string;
  provider: PaymentProviderKind;
}

/** `POST /v1/payments/stripe/webhook` → 200 (`duplicate`: seen before, nothing done again). */
export interface WebhookReceipt {
  received: true;
  outcome: string;
  duplicate: boolean;
}

/** `POST /v1/store/sandbox/:purchaseId/complete|cancel` asked for JSON (a browser gets a 303 instead). */
export interface SandboxLanding {
  status: 'success' | 'cancel';
}
