import type { MikroORM } from '@mikro-orm/core';
import { AccountFlag, PaymentEvent, Purchase } from '../database/entities';
import { openAccount, walletServiceFor } from '../wallet/wallet-test-kit';
import type { PaymentEventInput } from './payment-event';
import { PaymentEventProcessor } from './payment-event-processor';
import { PurchaseService } from './purchase-service';
import { SandboxCheckout } from './sandbox-checkout';
import { SandboxCheckoutProvider } from './sandbox-checkout-provider';
import { DEFAULT_STORE_PACKS, packDiamonds } from './store-packs';

/** Test helpers for the payments suites (not shipped code paths). */

export const CHEST = DEFAULT_STORE_PACKS[1]!;
export const CHEST_DIAMONDS = packDiamonds(CHEST);

export function paymentsFor(orm: MikroORM) {
  const { wallet, clock } = walletServiceFor(orm, { keysCap: 5, keyRegenSeconds: 10_800, welcomeDiamonds: 0 });
  const purchases = new PurchaseService({ em: orm.em, clock, provider: new SandboxCheckoutProvider(), packs: DEFAULT_STORE_PACKS });
  const events = new PaymentEventProcessor({ em: orm.em, clock, wallet });
  const sandbox = new SandboxCheckout({ em: orm.em, events });
  return { wallet, clock, purchases, events, sandbox, openAccount: () => openAccount(orm, wallet) };
}

const returnTo = { success: (id: string) => `http://x/#/store/success/${id}`, cancel: (id: string) => `http://x/#/store/cancel/${id}` };

/** A pending purchase of the chest, with its session id. */
export async function pendingChest(p: ReturnType<typeof paymentsFor>, userId: string): Promise<{ purchaseId: string; sessionId: string }> {
  const started = await p.purchases.checkout(userId, CHEST.id, returnTo);
  return { purchaseId: started.purchase.id, sessionId: started.sessionId };
}

export function sessionEvent(id: string, type: string, session: { sessionId: string; purchaseId: string; paymentIntent?: string; paymentStatus?: string }): PaymentEventInput {
  return {
    id,
    type,
    data: {
      object: {
        id: session.sessionId,
        object: 'checkout.session',
        payment_status: session.paymentStatus ?? 'paid',
        client_reference_id: session.purchaseId,
        payment_intent: session.paymentIntent ?? `pi_${session.purchaseId}`,
        amount_total: CHEST.price,
        currency: CHEST.currency,
      },
    },
  };
}

export function refundEvent(id: string, paymentIntent: string, amountRefunded: number, amount = CHEST.price): PaymentEventInput {
  return { id, type: 'charge.refunded', data: { object: { id: `ch_${paymentIntent}`, object: 'charge', payment_intent: paymentIntent, amount, amount_refunded: amountRefunded, refunded: amountRefunded >= amount } } };
}

export function disputeEvent(id: string, paymentIntent: string, status: string): PaymentEventInput {
  return { id, type: 'charge.dispute.closed', data: { object: { id: `dp_${id}`, object: 'dispute', status, payment_intent: paymentIntent, charge: `ch_${paymentIntent}` } } };
}

export const purchaseRow = (orm: MikroORM, id: string) => orm.em.fork().findOneOrFail(Purchase, { id }, { disableIdentityMap: true });
export const flagsOf = (orm: MikroORM, userId: string) => orm.em.fork().find(AccountFlag, { user: userId });
export const eventRow = (orm: MikroORM, id: string) => orm.em.fork().findOne(PaymentEvent, { id }, { disableIdentityMap: true });
