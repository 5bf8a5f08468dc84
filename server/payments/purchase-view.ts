import type { Purchase as PurchaseJson } from '../../api/payments';
import type { Purchase } from '../database/entities';

/** A purchase as the player sees it (GET /v1/store/purchases): api/payments.ts's `Purchase`. */
export type PurchaseView = PurchaseJson;

export function purchaseView(p: Purchase): PurchaseView {
  return {
    id: p.id,
    packId: p.packId,
    diamonds: p.diamonds,
    price: { amount: p.priceAmount, currency: p.currency },
    status: p.status,
    provider: p.provider,
    diamondsGranted: p.diamondsGranted,
    diamondsReclaimed: p.diamondsReclaimed,
    shortfall: p.shortfall,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
    refundedAt: p.refundedAt?.toISOString() ?? null,
  };
}
