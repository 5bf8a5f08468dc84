import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { ledgerOf } from '../wallet/wallet-test-kit';
import { CHEST, CHEST_DIAMONDS, disputeEvent, eventRow, flagsOf, paymentsFor, pendingChest, purchaseRow, refundEvent, sessionEvent } from './payments-test-kit';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describeOnEngines('PaymentEventProcessor', (db) => {
  it('grants a paid checkout once, and stores the event with its outcome', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const chest = await pendingChest(p, userId);
    const event = sessionEvent('evt_once', 'checkout.session.completed', chest);

    const first = await p.events.process(event, 'stripe');
    const again = await p.events.process(event, 'stripe');

    expect(first).toMatchObject({ outcome: 'granted', duplicate: false, purchaseId: chest.purchaseId });
    expect(again).toMatchObject({ outcome: 'granted', duplicate: true });
    expect((await p.wallet.inventory(userId)).diamonds).toBe(CHEST_DIAMONDS);
    expect(await purchaseRow(db().orm, chest.purchaseId)).toMatchObject({ status: 'paid', diamondsGranted: CHEST_DIAMONDS, paymentIntentId: `pi_${chest.purchaseId}` });
    expect(await eventRow(db().orm, 'evt_once')).toMatchObject({ type: 'checkout.session.completed', outcome: 'granted', purchaseId: chest.purchaseId });
    const grants = (await ledgerOf(db().orm, userId)).filter((r) => r.reason === 'purchase');
    expect(grants).toHaveLength(1);
    expect(grants[0]!.idempotencyKey).toBe(`purchase:${chest.sessionId}`);
  });

  it('10 concurrent deliveries of one event, plus async_payment_succeeded for the same session, grant once', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const chest = await pendingChest(p, userId);
    const completed = sessionEvent('evt_race', 'checkout.session.completed', chest);
    const succeeded = sessionEvent('evt_race_async', 'checkout.session.async_payment_succeeded', chest);

    const results = await Promise.all([...range(10).map(() => p.events.process(completed, 'stripe')), p.events.process(succeeded, 'stripe')]);

    expect(results.filter((r) => r.outcome === 'granted' && !r.duplicate)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(9);
    expect((await p.wallet.inventory(userId)).diamonds).toBe(CHEST_DIAMONDS);
    expect((await ledgerOf(db().orm, userId)).filter((r) => r.reason === 'purchase')).toHaveLength(1);
  });

  it('an unpaid completion (delayed payment method) waits; async_payment_failed and expiry fail the purchase', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const slow = await pendingChest(p, userId);
    expect((await p.events.process(sessionEvent('evt_unpaid', 'checkout.session.completed', { ...slow, paymentStatus: 'unpaid' }), 'stripe')).outcome).toBe('awaiting_payment');
    expect((await purchaseRow(db().orm, slow.purchaseId)).status).toBe('pending');
    expect((await p.events.process(sessionEvent('evt_async_failed', 'checkout.session.async_payment_failed', { ...slow, paymentStatus: 'unpaid' }), 'stripe')).outcome).toBe('failed');
    const abandoned = await pendingChest(p, userId);
    expect((await p.events.process(sessionEvent('evt_expired', 'checkout.session.expired', { ...abandoned, paymentStatus: 'unpaid' }), 'stripe')).outcome).toBe('failed');
    expect((await purchaseRow(db().orm, abandoned.purchaseId)).status).toBe('failed');
    expect((await p.wallet.inventory(userId)).diamonds).toBe(0);
  });

  it('a full refund takes the diamonds back once; the purchase is refunded', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const chest = await pendingChest(p, userId);
    await p.events.process(sessionEvent('evt_paid_r', 'checkout.session.completed', chest), 'stripe');
    const refund = refundEvent('evt_refund_r', `pi_${chest.purchaseId}`, CHEST.price);

    const results = await Promise.all([p.events.process(refund, 'stripe'), p.events.process(refund, 'stripe')]);

    expect(results.map((r) => r.outcome)).toEqual(['refunded', 'refunded']);
    expect((await p.wallet.inventory(userId)).diamonds).toBe(0);
    expect(await purchaseRow(db().orm, chest.purchaseId)).toMatchObject({ status: 'refunded', diamondsReclaimed: CHEST_DIAMONDS, shortfall: 0, amountRefunded: CHEST.price });
    expect(await flagsOf(db().orm, userId)).toHaveLength(0);
  });

  it('a refund after some diamonds were spent: balance 0, never below; the shortfall is recorded and the account flagged', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const chest = await pendingChest(p, userId);
    await p.events.process(sessionEvent('evt_paid_s', 'checkout.session.completed', chest), 'stripe');
    await p.wallet.spend(userId, { currency: 'diamonds', amount: 40, reason: 'premium_choice', idempotencyKey: 'choice:x:1' });

    expect((await p.events.process(refundEvent('evt_refund_s', `pi_${chest.purchaseId}`, CHEST.price), 'stripe')).outcome).toBe('refunded');

    expect((await p.wallet.inventory(userId)).diamonds).toBe(0);
    expect(await purchaseRow(db().orm, chest.purchaseId)).toMatchObject({ status: 'refunded', diamondsReclaimed: CHEST_DIAMONDS - 40, shortfall: 40 });
    const flags = await flagsOf(db().orm, userId);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ reason: 'refund_shortfall', details: { purchaseId: chest.purchaseId, shortfall: 40 } });
    const reclaim = (await ledgerOf(db().orm, userId)).find((r) => r.reason === 'refund');
    expect(reclaim).toMatchObject({ delta: -(CHEST_DIAMONDS - 40), balanceAfter: 0, metadata: expect.objectContaining({ shortfall: 40 }) });
  });

  it('partial refunds take back their share (rounded up), cumulatively; the last one completes the refund', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const chest = await pendingChest(p, userId);
    const pi = `pi_${chest.purchaseId}`;
    await p.events.process(sessionEvent('evt_paid_p', 'checkout.session.completed', chest), 'stripe');
    const half = Math.ceil(CHEST_DIAMONDS / 2);

    expect((await p.events.process(refundEvent('evt_part_1', pi, Math.round(CHEST.price / 2)), 'stripe')).outcome).toBe('partially_refunded');
    const afterHalf = (await p.wallet.inventory(userId)).diamonds;
    expect(afterHalf).toBeLessThanOrEqual(CHEST_DIAMONDS - half + 1);
    expect((await purchaseRow(db().orm, chest.purchaseId)).status).toBe('paid');
    // An older event arriving late changes nothing.
    expect((await p.events.process(refundEvent('evt_part_0', pi, 100), 'stripe')).outcome).toBe('already_reversed');
    expect((await p.wallet.inventory(userId)).diamonds).toBe(afterHalf);

    expect((await p.events.process(refundEvent('evt_part_2', pi, CHEST.price), 'stripe')).outcome).toBe('refunded');
    expect((await p.wallet.inventory(userId)).diamonds).toBe(0);
    expect(await purchaseRow(db().orm, chest.purchaseId)).toMatchObject({ status: 'refunded', diamondsReclaimed: CHEST_DIAMONDS, shortfall: 0 });
  });

  it('a refund that arrives before the completion: the grant is taken straight back', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const chest = await pendingChest(p, userId);
    const pi = `pi_${chest.purchaseId}`;

    expect((await p.events.process(refundEvent('evt_early_refund', pi, CHEST.price), 'stripe')).outcome).toBe('reversal_recorded');
    expect((await p.events.process(sessionEvent('evt_late_paid', 'checkout.session.completed', chest), 'stripe')).outcome).toBe('granted_then_reversed');

    expect((await p.wallet.inventory(userId)).diamonds).toBe(0);
    expect(await purchaseRow(db().orm, chest.purchaseId)).toMatchObject({ status: 'refunded', shortfall: 0 });
    expect(await flagsOf(db().orm, userId)).toHaveLength(0);
  });

  it('a refund racing the completion never leaves diamonds granted', async () => {
    const p = paymentsFor(db().orm);
    for (const round of range(5)) {
      const userId = await p.openAccount();
      const chest = await pendingChest(p, userId);
      const pi = `pi_${chest.purchaseId}`;
      const events = [refundEvent(`evt_rr_${round}`, pi, CHEST.price), sessionEvent(`evt_rp_${round}`, 'checkout.session.completed', chest)];
      await Promise.all((round % 2 ? events.reverse() : events).map((e) => p.events.process(e, 'stripe')));
      expect((await p.wallet.inventory(userId)).diamonds).toBe(0);
      expect((await purchaseRow(db().orm, chest.purchaseId)).status).toBe('refunded');
    }
  });

  it('a lost dispute takes the diamonds back; a won one changes nothing', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const won = await pendingChest(p, userId);
    const lost = await pendingChest(p, userId);
    await p.events.process(sessionEvent('evt_paid_w', 'checkout.session.completed', won), 'stripe');
    await p.events.process(sessionEvent('evt_paid_l', 'checkout.session.completed', lost), 'stripe');

    expect((await p.events.process(disputeEvent('evt_dispute_won', `pi_${won.purchaseId}`, 'won'), 'stripe')).outcome).toBe('ignored');
    expect((await p.events.process(disputeEvent('evt_dispute_lost', `pi_${lost.purchaseId}`, 'lost'), 'stripe')).outcome).toBe('refunded');

    expect((await p.wallet.inventory(userId)).diamonds).toBe(CHEST_DIAMONDS);
    expect((await purchaseRow(db().orm, won.purchaseId)).status).toBe('paid');
    expect((await purchaseRow(db().orm, lost.purchaseId)).status).toBe('refunded');
    expect((await ledgerOf(db().orm, userId)).filter((r) => r.reason === 'dispute_lost')).toHaveLength(1);
  });

  it('events for unknown sessions and unhandled types are stored and change nothing', async () => {
    const p = paymentsFor(db().orm);
    const unknown = await p.events.process(sessionEvent('evt_unknown', 'checkout.session.completed', { sessionId: 'cs_nobody', purchaseId: 'not-a-uuid' }), 'stripe');
    expect(unknown).toMatchObject({ outcome: 'unknown_purchase', duplicate: false });
    expect((await p.events.process({ id: 'evt_other', type: 'customer.created', data: { object: {} } }, 'stripe')).outcome).toBe('ignored');
    expect(await eventRow(db().orm, 'evt_other')).toMatchObject({ outcome: 'ignored' });
  });

  it('the sandbox completes through the same processor, once however often it is clicked', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const chest = await pendingChest(p, userId);
    const clicks = await Promise.allSettled([p.sandbox.complete(chest.purchaseId), p.sandbox.complete(chest.purchaseId), p.sandbox.complete(chest.purchaseId)]);
    expect(clicks.some((c) => c.status === 'fulfilled' && c.value.outcome === 'granted' && !c.value.duplicate)).toBe(true);
    expect((await p.wallet.inventory(userId)).diamonds).toBe(CHEST_DIAMONDS);
    expect(await eventRow(db().orm, `evt_sandbox_completed_${chest.purchaseId}`)).toMatchObject({ provider: 'sandbox', outcome: 'granted' });
    await expect(p.sandbox.cancel(chest.purchaseId)).rejects.toMatchObject({ code: 'PURCHASE_NOT_PENDING' });

    const other = await pendingChest(p, userId);
    expect((await p.sandbox.cancel(other.purchaseId)).outcome).toBe('failed');
    await expect(p.sandbox.complete(other.purchaseId)).rejects.toMatchObject({ code: 'PURCHASE_NOT_PENDING' });
    expect((await p.wallet.inventory(userId)).diamonds).toBe(CHEST_DIAMONDS);
  });
});
