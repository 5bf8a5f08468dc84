import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { ledgerOf, openAccount, storedWallet, walletServiceFor } from './wallet-test-kit';

describeOnEngines('WalletService.reclaim', (db) => {
  it('takes back what is there, never below zero, reports the shortfall, and applies once per key', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet); // 20 welcome diamonds
    const request = { currency: 'diamonds' as const, amount: 25, reason: 'refund', idempotencyKey: 'reversal:p:25' };

    expect(await wallet.reclaim(userId, request)).toEqual({ taken: 20, shortfall: 5, balanceAfter: 0, replayed: false });
    expect(await wallet.reclaim(userId, request)).toEqual({ taken: 20, shortfall: 5, balanceAfter: 0, replayed: true });
    expect((await storedWallet(db().orm, userId))?.diamonds).toBe(0);
    const rows = (await ledgerOf(db().orm, userId)).filter((r) => r.reason === 'refund');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ delta: -20, balanceAfter: 0, metadata: { requested: 25, shortfall: 5 } });

    // Nothing left: the whole amount is shortfall, still recorded once.
    expect(await wallet.reclaim(userId, { ...request, amount: 3, idempotencyKey: 'reversal:q:3' })).toEqual({ taken: 0, shortfall: 3, balanceAfter: 0, replayed: false });
  });
});
