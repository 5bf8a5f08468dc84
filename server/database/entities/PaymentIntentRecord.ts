import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * One row per payment intent an event mentioned. Every event about a payment intent upserts its
 * row first, which locks it: a completion and a refund of one payment never interleave. A refund
 * or lost dispute that arrives before the completion is remembered here and applied right after
 * the grant, so diamonds never stay granted for a payment that was reversed.
 */
export class PaymentIntentRecord {
  [OptionalProps]?: 'amountRefunded' | 'amount' | 'disputeLost';
  id!: string;
  /** Cumulative amount refunded (minor units), as the latest charge event said. */
  amountRefunded = 0;
  /** The charge amount those refunds are out of (0 when unknown). */
  amount = 0;
  disputeLost = false;
  updatedAt: Date = new Date();
}

export const PaymentIntentRecordSchema = new EntitySchema<PaymentIntentRecord>({
  class: PaymentIntentRecord,
  tableName: 'payment_intents',
  properties: {
    id: { type: 'string', length: 255, primary: true },
    amountRefunded: { type: 'integer', default: 0 },
    amount: { type: 'integer', default: 0 },
    disputeLost: { type: 'boolean', default: false },
    updatedAt: { type: 'datetime' },
  },
});
