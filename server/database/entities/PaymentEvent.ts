import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * Every payment event received (a verified Stripe webhook, or a sandbox checkout's completion),
 * keyed by the provider's event id — a redelivery is recognised by it — with what processing did.
 */
export class PaymentEvent {
  [OptionalProps]?: 'purchaseId' | 'paymentIntentId';
  id!: string;
  type!: string;
  provider!: string;
  outcome!: string;
  purchaseId: string | null = null;
  paymentIntentId: string | null = null;
  payload!: Record<string, unknown>;
  receivedAt: Date = new Date();
}

export const PaymentEventSchema = new EntitySchema<PaymentEvent>({
  class: PaymentEvent,
  tableName: 'payment_events',
  indexes: [{ name: 'payment_events_purchase_index', properties: ['purchaseId'] }],
  properties: {
    id: { type: 'string', length: 255, primary: true },
    type: { type: 'string', length: 100 },
    provider: { type: 'string', length: 16 },
    outcome: { type: 'string', length: 64 },
    purchaseId: { type: 'uuid', nullable: true },
    paymentIntentId: { type: 'string', length: 255, nullable: true },
    payload: { type: 'json' },
    receivedAt: { type: 'datetime' },
  },
});
