import type { EntityManager } from '@mikro-orm/core';
import { Purchase } from '../database/entities';
import { DomainError } from '../shared/domain-error';
import type { ProcessedEvent } from './payment-event';
import type { PaymentEventProcessor } from './payment-event-processor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The sandbox's "payment": its buttons turn into the very events Stripe would send
 * (`checkout.session.completed` paid, or `checkout.session.expired`) and hand them to the same
 * PaymentEventProcessor as the webhook. The event id is derived from the purchase, so a double
 * click is a duplicate delivery.
 */
export class SandboxCheckout {
  constructor(private readonly deps: { em: EntityManager; events: PaymentEventProcessor }) {}

  async pending(purchaseId: string): Promise<Purchase> {
    const purchase = UUID.test(purchaseId) ? await this.deps.em.fork().findOne(Purchase, { id: purchaseId, provider: 'sandbox' }, { disableIdentityMap: true }) : null;
    if (!purchase) throw new DomainError('PURCHASE_NOT_FOUND', 'No such sandbox purchase', { purchaseId });
    return purchase;
  }

  async complete(purchaseId: string): Promise<ProcessedEvent> {
    const purchase = await this.open(purchaseId);
    return this.deps.events.process(
      {
        id: `evt_sandbox_completed_${purchase.id}`,
        type: 'checkout.session.completed',
        data: {
          object: {
            id: purchase.checkoutSessionId,
            object: 'checkout.session',
            mode: 'payment',
            status: 'complete',
            payment_status: 'paid',
            client_reference_id: purchase.id,
            payment_intent: `pi_sandbox_${purchase.id}`,
            amount_total: purchase.priceAmount,
            currency: purchase.currency,
            metadata: { purchaseId: purchase.id, userId: purchase.user.id, packId: purchase.packId },
          },
        },
      },
      'sandbox',
    );
  }

  async cancel(purchaseId: string): Promise<ProcessedEvent> {
    const purchase = await this.open(purchaseId);
    return this.deps.events.process(
      {
        id: `evt_sandbox_expired_${purchase.id}`,
        type: 'checkout.session.expired',
        data: { object: { id: purchase.checkoutSessionId, object: 'checkout.session', status: 'expired', payment_status: 'unpaid', client_reference_id: purchase.id } },
      },
      'sandbox',
    );
  }

  /** Only a pending purchase can be paid or cancelled; a finished one answers what it became. */
  private async open(purchaseId: string): Promise<Purchase> {
    const purchase = await this.pending(purchaseId);
    if (purchase.status !== 'pending' || !purchase.checkoutSessionId) {
      throw new DomainError('PURCHASE_NOT_PENDING', `This purchase is already ${purchase.status}`, { purchaseId, status: purchase.status });
    }
    return purchase;
  }
}
