import type { Purchase, PurchaseStatus } from '../database/entities';

/** A purchase as the player sees it (GET /v1/store/purchases). */
export interface PurchaseView {
  id: string;
  packId: string;
  diamonds: number;
  price: { amount: number; currency: string };
  status: PurchaseStatus;
  provider: string;
  diamondsGranted: number;
  diamondsReclaimed: number;
  shortfall: number;
  createdAt: string;
  paidAt: string | null;
  refundedAt: string | null;
}

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
