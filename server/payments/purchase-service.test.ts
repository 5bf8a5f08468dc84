import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { CHEST, CHEST_DIAMONDS, paymentsFor, pendingChest } from './payments-test-kit';
import { MAX_OPEN_CHECKOUTS_PER_HOUR } from './purchase-service';

const returnTo = { success: (id: string) => `http://x/#/store/success/${id}`, cancel: (id: string) => `http://x/#/store/cancel/${id}` };

describeOnEngines('PurchaseService', (db) => {
  it('creates a pending purchase with the configured diamonds and price, and lists it for its player only', async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    const other = await p.openAccount();
    const started = await p.purchases.checkout(userId, CHEST.id, returnTo);
    expect(started).toMatchObject({ provider: 'sandbox', checkoutUrl: `/v1/store/sandbox/${started.purchase.id}`, sessionId: `cs_sandbox_${started.purchase.id}` });
    expect(started.purchase).toMatchObject({ packId: CHEST.id, diamonds: CHEST_DIAMONDS, price: { amount: CHEST.price, currency: CHEST.currency }, status: 'pending', diamondsGranted: 0 });
    expect((await p.purchases.purchases(userId)).map((x) => x.id)).toEqual([started.purchase.id]);
    expect(await p.purchases.purchases(other)).toEqual([]);
    await expect(p.purchases.purchase(other, started.purchase.id)).rejects.toMatchObject({ code: 'PURCHASE_NOT_FOUND' });
    await expect(p.purchases.checkout(userId, 'no-such-pack', returnTo)).rejects.toMatchObject({ code: 'PACK_NOT_FOUND' });
  });

  it(`caps unfinished checkouts at ${MAX_OPEN_CHECKOUTS_PER_HOUR} an hour per player`, async () => {
    const p = paymentsFor(db().orm);
    const userId = await p.openAccount();
    for (let i = 0; i < MAX_OPEN_CHECKOUTS_PER_HOUR; i++) await pendingChest(p, userId);
    await expect(p.purchases.checkout(userId, CHEST.id, returnTo)).rejects.toMatchObject({ code: 'TOO_MANY_CHECKOUTS' });
    // Another player is not affected; an hour later the player may try again.
    await pendingChest(p, await p.openAccount());
    p.clock.advance(3601);
    await pendingChest(p, userId);
  });
});
