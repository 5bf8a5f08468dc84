import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { CHEST, CHEST_DIAMONDS, disputeEvent, paymentsFor, pendingChest, purchaseRow, refundEvent, sessionEvent } from '../payments/payments-test-kit';
import { createStory, earningsRows, earningsWorld, readerAt, tookPremium } from './earnings-test-kit';
import { EarningsService } from './earnings-service';

/**
 * A refund or a lost dispute takes diamonds back from the READER (server/payments); what the writer
 * earned from diamonds already spent in their story stays theirs: nothing claws it back.
 */
describeOnEngines('refunds and earnings', (db) => {
  const buyAndSpend = async (eventTag: string, cost: number) => {
    const payments = paymentsFor(db().orm);
    const world = earningsWorld(db().orm);
    const writer = await world.openAccount();
    const reader = await payments.openAccount();
    const chest = await pendingChest(payments, reader);
    await payments.events.process(sessionEvent(`evt_paid_${eventTag}`, 'checkout.session.completed', chest), 'stripe');
    const storyId = await createStory(db().orm, writer, 'Paid For');
    const before = await readerAt(db().orm, reader, storyId);
    expect((await world.sessions.save(reader, before, tookPremium(before), { diamonds: cost, choiceId: 'lamp' })).ok).toBe(true);
    return { payments, writer, reader, chest, storyId };
  };
  const earningsOf = (writer: string) => new EarningsService({ em: db().orm.em }).earningsOf(writer, { limit: 50 });

  it('a full refund after a premium choice takes the reader\'s diamonds back and leaves the writer\'s earnings as they were', async () => {
    const { payments, writer, reader, chest, storyId } = await buyAndSpend('refund', 40);
    const earned = await earningsOf(writer);
    expect(earned.total).toBe(28);

    expect((await payments.events.process(refundEvent('evt_refund_after_choice', `pi_${chest.purchaseId}`, CHEST.price), 'stripe')).outcome).toBe('refunded');

    expect((await payments.wallet.inventory(reader)).diamonds).toBe(0);
    expect(await purchaseRow(db().orm, chest.purchaseId)).toMatchObject({ status: 'refunded', diamondsReclaimed: CHEST_DIAMONDS - 40, shortfall: 40 });
    expect(await earningsOf(writer)).toEqual(earned);
    expect((await earningsRows(db().orm, { writer })).map((row) => [row.storyId, row.diamonds])).toEqual([[storyId, 28]]);
  });

  it('a lost dispute after a premium choice leaves the writer\'s earnings as they were', async () => {
    const { payments, writer, reader, chest } = await buyAndSpend('dispute', 10);
    const earned = await earningsOf(writer);
    expect(earned.total).toBe(7);

    expect((await payments.events.process(disputeEvent('evt_dispute_after_choice', `pi_${chest.purchaseId}`, 'lost'), 'stripe')).outcome).toBe('refunded');
    expect((await payments.wallet.inventory(reader)).diamonds).toBe(0);

    expect(await earningsOf(writer)).toEqual(earned);
  });
});
