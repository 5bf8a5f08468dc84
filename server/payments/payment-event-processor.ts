import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { AccountFlag, PaymentEvent, PaymentIntentRecord, Purchase } from '../database/entities';
import type { Clock } from '../shared/clock';
import type { WalletService } from '../wallet/wallet-service';
import {
  chargeSchema,
  checkoutSessionSchema,
  disputeSchema,
  type CheckoutSessionObject,
  type EventOutcome,
  type PaymentEventInput,
  type ProcessedEvent,
} from './payment-event';

export interface PaymentEventProcessorDeps {
  em: EntityManager;
  clock: Clock;
  wallet: Pick<WalletService, 'grant' | 'reclaim'>;
}

interface Applied {
  outcome: EventOutcome;
  purchaseId: string | null;
  paymentIntentId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies payment events — verified Stripe webhooks and sandbox completions alike — exactly once.
 *
 * Each event is handled in one transaction that first inserts its row in payment_events (unique on
 * the event id: a redelivery, even a concurrent one, finds it and does nothing), then, for events
 * about a payment, locks that payment intent's row in payment_intents, so a completion and a
 * refund of the same payment are applied one after the other whatever order they arrive in. The
 * grant goes through the wallet's idempotent grant keyed by the Checkout Session id. If anything
 * unexpected fails, the whole transaction — the event row included — rolls back, and Stripe's
 * retry processes it afresh.
 */
export class PaymentEventProcessor {
  constructor(private readonly deps: PaymentEventProcessorDeps) {}

  async process(event: PaymentEventInput, provider: string): Promise<ProcessedEvent> {
    try {
      return await this.deps.em.fork().transactional(async (tx) => {
        await tx.insert(PaymentEvent, {
          id: event.id,
          type: event.type,
          provider,
          outcome: 'processing',
          payload: event as unknown as Record<string, unknown>,
          receivedAt: this.deps.clock.now(),
        });
        const applied = await this.apply(tx, event);
        await tx.nativeUpdate(PaymentEvent, { id: event.id }, { outcome: applied.outcome, purchaseId: applied.purchaseId, paymentIntentId: applied.paymentIntentId });
        return { eventId: event.id, outcome: applied.outcome, duplicate: false, purchaseId: applied.purchaseId };
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const earlier = await this.deps.em.fork().findOne(PaymentEvent, { id: event.id }, { disableIdentityMap: true });
      if (!earlier) throw error;
      return { eventId: event.id, outcome: earlier.outcome as EventOutcome, duplicate: true, purchaseId: earlier.purchaseId };
    }
  }

  private apply(tx: EntityManager, event: PaymentEventInput): Promise<Applied> {
    const object = event.data.object;
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        const session = checkoutSessionSchema.safeParse(object);
        if (!session.success) return ignored();
        // A delayed payment method (bank debit) completes the session unpaid; async_payment_succeeded follows.
        if (session.data.payment_status !== 'paid') return this.noteAwaiting(tx, session.data);
        return this.complete(tx, session.data);
      }
      case 'checkout.session.async_payment_failed':
      case 'checkout.session.expired': {
        const session = checkoutSessionSchema.safeParse(object);
        return session.success ? this.fail(tx, session.data) : ignored();
      }
      case 'charge.refunded': {
        const charge = chargeSchema.safeParse(object);
        if (!charge.success || !charge.data.payment_intent) return ignored();
        return this.reverse(tx, charge.data.payment_intent, { amountRefunded: charge.data.amount_refunded, amount: charge.data.amount, disputeLost: false });
      }
      case 'charge.dispute.closed': {
        const dispute = disputeSchema.safeParse(object);
        if (!dispute.success || dispute.data.status !== 'lost' || !dispute.data.payment_intent) return ignored();
        return this.reverse(tx, dispute.data.payment_intent, { amountRefunded: 0, amount: 0, disputeLost: true });
      }
      default:
        return ignored();
    }
  }

  private async noteAwaiting(tx: EntityManager, session: CheckoutSessionObject): Promise<Applied> {
    const purchase = await this.purchaseOfSession(tx, session);
    return { outcome: purchase ? 'awaiting_payment' : 'unknown_purchase', purchaseId: purchase?.id ?? null, paymentIntentId: session.payment_intent };
  }

  /** Paid: pending → paid and the pack's diamonds granted, once; then any reversal that arrived first. */
  private async complete(tx: EntityManager, session: CheckoutSessionObject): Promise<Applied> {
    const paymentIntentId = session.payment_intent;
    const intent = paymentIntentId ? await this.lockIntent(tx, paymentIntentId) : null;
    const purchase = await this.purchaseOfSession(tx, session);
    if (!purchase) return { outcome: 'unknown_purchase', purchaseId: null, paymentIntentId };
    const now = this.deps.clock.now();
    const moved = await tx.nativeUpdate(
      Purchase,
      { id: purchase.id, status: { $in: ['pending', 'failed'] } },
      { status: 'paid', paymentIntentId, paidAt: now, updatedAt: now, diamondsGranted: purchase.diamonds, checkoutSessionId: session.id },
    );
    if (moved === 0) return { outcome: 'already_granted', purchaseId: purchase.id, paymentIntentId };
    await this.deps.wallet.grant(
      purchase.user.id,
      { currency: 'diamonds', amount: purchase.diamonds, reason: 'purchase', idempotencyKey: `purchase:${session.id}`, metadata: { purchaseId: purchase.id, packId: purchase.packId } },
      tx,
    );
    if (intent && (intent.amountRefunded > 0 || intent.disputeLost)) {
      const paid = await this.reload(tx, purchase.id);
      await this.applyReversal(tx, paid, intent);
      return { outcome: 'granted_then_reversed', purchaseId: purchase.id, paymentIntentId };
    }
    return { outcome: 'granted', purchaseId: purchase.id, paymentIntentId };
  }

  private async fail(tx: EntityManager, session: CheckoutSessionObject): Promise<Applied> {
    const purchase = await this.purchaseOfSession(tx, session);
    if (!purchase) return { outcome: 'unknown_purchase', purchaseId: null, paymentIntentId: session.payment_intent };
    const moved = await tx.nativeUpdate(Purchase, { id: purchase.id, status: 'pending' }, { status: 'failed', updatedAt: this.deps.clock.now() });
    return { outcome: moved === 1 ? 'failed' : 'ignored', purchaseId: purchase.id, paymentIntentId: session.payment_intent };
  }

  /** A refund (cumulative amount) or a lost dispute for a payment intent. */
  private async reverse(tx: EntityManager, paymentIntentId: string, change: { amountRefunded: number; amount: number; disputeLost: boolean }): Promise<Applied> {
    const known = await this.lockIntent(tx, paymentIntentId);
    const intent: PaymentIntentRecord = {
      ...known,
      // Events can arrive out of order: the largest cumulative refund seen is the truth.
      amountRefunded: Math.max(known.amountRefunded, change.amountRefunded),
      amount: change.amount > 0 ? change.amount : known.amount,
      disputeLost: known.disputeLost || change.disputeLost,
    };
    await tx.nativeUpdate(PaymentIntentRecord, { id: paymentIntentId }, { amountRefunded: intent.amountRefunded, amount: intent.amount, disputeLost: intent.disputeLost, updatedAt: this.deps.clock.now() });
    const purchase = await tx.findOne(Purchase, { paymentIntentId }, { disableIdentityMap: true });
    // Not granted yet: remembered on the intent, and applied right after the grant.
    if (!purchase) return { outcome: 'reversal_recorded', purchaseId: null, paymentIntentId };
    const outcome = await this.applyReversal(tx, purchase, intent);
    return { outcome, purchaseId: purchase.id, paymentIntentId };
  }

  /**
   * Takes back what the refunds so far cover: all of the pack for a full refund or a lost dispute,
   * else the refunded share of it (rounded up). Never below zero: what was already spent is the
   * shortfall, recorded on the purchase, and the account is flagged for a person to review.
   */
  private async applyReversal(tx: EntityManager, purchase: Purchase, intent: PaymentIntentRecord): Promise<EventOutcome> {
    const base = intent.amount > 0 ? intent.amount : purchase.priceAmount;
    const full = intent.disputeLost || intent.amountRefunded >= base;
    const target = full ? purchase.diamondsGranted : Math.min(purchase.diamondsGranted, Math.ceil((purchase.diamondsGranted * intent.amountRefunded) / base));
    const want = target - purchase.diamondsReclaimed - purchase.shortfall;
    const now = this.deps.clock.now();
    if (want <= 0) {
      if (full && purchase.status === 'paid') await tx.nativeUpdate(Purchase, { id: purchase.id }, { status: 'refunded', refundedAt: now, updatedAt: now });
      return 'already_reversed';
    }
    const reason = intent.disputeLost ? 'dispute_lost' : 'refund';
    const taken = await this.deps.wallet.reclaim(
      purchase.user.id,
      { currency: 'diamonds', amount: want, reason, idempotencyKey: `reversal:${purchase.id}:${target}`, metadata: { purchaseId: purchase.id, paymentIntentId: intent.id } },
      tx,
    );
    await tx.nativeUpdate(
      Purchase,
      { id: purchase.id },
      {
        diamondsReclaimed: purchase.diamondsReclaimed + taken.taken,
        shortfall: purchase.shortfall + taken.shortfall,
        amountRefunded: intent.amountRefunded,
        ...(full ? { status: 'refunded' as const, refundedAt: now } : {}),
        updatedAt: now,
      },
    );
    if (taken.shortfall > 0) {
      await tx.insert(AccountFlag, {
        user: purchase.user.id,
        reason: `${reason}_shortfall`,
        details: { purchaseId: purchase.id, paymentIntentId: intent.id, shortfall: taken.shortfall, reclaimed: taken.taken },
        createdAt: now,
      });
    }
    return full ? 'refunded' : 'partially_refunded';
  }

  /**
   * Creates or touches the payment intent's row, which holds its lock until the transaction ends
   * (PostgreSQL blocks a second transaction here; SQLite has one writer anyway), and reads it.
   */
  private async lockIntent(tx: EntityManager, id: string): Promise<PaymentIntentRecord> {
    const now = this.deps.clock.now();
    try {
      await tx.transactional((inner) => inner.insert(PaymentIntentRecord, { id, amountRefunded: 0, amount: 0, disputeLost: false, updatedAt: now }));
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
    await tx.nativeUpdate(PaymentIntentRecord, { id }, { updatedAt: now });
    const row = await tx.findOne(PaymentIntentRecord, { id }, { disableIdentityMap: true });
    if (!row) throw new Error(`payment intent ${id} vanished while locked`);
    return row;
  }

  private async purchaseOfSession(tx: EntityManager, session: CheckoutSessionObject): Promise<Purchase | null> {
    const bySession = await tx.findOne(Purchase, { checkoutSessionId: session.id }, { disableIdentityMap: true });
    if (bySession) return bySession;
    const reference = session.client_reference_id;
    if (!reference || !UUID.test(reference)) return null;
    // The session id is stored right after Stripe answers; this covers a webhook racing that write.
    return tx.findOne(Purchase, { id: reference, checkoutSessionId: null }, { disableIdentityMap: true });
  }

  private async reload(tx: EntityManager, id: string): Promise<Purchase> {
    const row = await tx.findOne(Purchase, { id }, { disableIdentityMap: true });
    if (!row) throw new Error(`purchase ${id} vanished`);
    return row;
  }
}

function ignored(): Promise<Applied> {
  return Promise.resolve({ outcome: 'ignored', purchaseId: null, paymentIntentId: null });
}
