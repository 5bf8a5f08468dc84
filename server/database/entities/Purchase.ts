import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { User } from './User';

export type PurchaseStatus = 'pending' | 'paid' | 'refunded' | 'failed';
export type PaymentProviderKind = 'stripe' | 'sandbox';

/**
 * One attempt to buy a diamond pack. The pack's diamonds and price are copied from the server's
 * store configuration when the purchase is created, never taken from the client. Changed only by
 * the payments module (server/payments/), which grants through the wallet's idempotent ledger.
 */
export class Purchase {
  [OptionalProps]?: 'status' | 'checkoutSessionId' | 'paymentIntentId' | 'diamondsGranted' | 'diamondsReclaimed' | 'shortfall' | 'amountRefunded' | 'paidAt' | 'refundedAt';
  id!: string;
  user!: User;
  packId!: string;
  /** Diamonds the pack grants (bonus included). */
  diamonds!: number;
  /** Price in the currency's minor unit (cents). */
  priceAmount!: number;
  currency!: string;
  provider!: PaymentProviderKind;
  status: PurchaseStatus = 'pending';
  checkoutSessionId: string | null = null;
  paymentIntentId: string | null = null;
  diamondsGranted = 0;
  /** Diamonds taken back by refunds or a lost dispute. */
  diamondsReclaimed = 0;
  /** Diamonds a refund could not take back because they were already spent. */
  shortfall = 0;
  amountRefunded = 0;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
  paidAt: Date | null = null;
  refundedAt: Date | null = null;
}

export const PurchaseSchema = new EntitySchema<Purchase>({
  class: Purchase,
  tableName: 'purchases',
  indexes: [{ name: 'purchases_user_created_index', properties: ['user', 'createdAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    user: { kind: 'm:1', entity: () => User, deleteRule: 'cascade' },
    packId: { type: 'string', length: 64 },
    diamonds: { type: 'integer' },
    priceAmount: { type: 'integer' },
    currency: { type: 'string', length: 3 },
    provider: { type: 'string', length: 16 },
    status: { type: 'string', length: 16, default: 'pending' },
    checkoutSessionId: { type: 'string', length: 255, nullable: true, unique: true },
    paymentIntentId: { type: 'string', length: 255, nullable: true, unique: true },
    diamondsGranted: { type: 'integer', default: 0 },
    diamondsReclaimed: { type: 'integer', default: 0 },
    shortfall: { type: 'integer', default: 0 },
    amountRefunded: { type: 'integer', default: 0 },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    paidAt: { type: 'datetime', nullable: true },
    refundedAt: { type: 'datetime', nullable: true },
  },
});
