import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { codeOf, ledgerOf, openAccount, storedWallet, walletServiceFor } from './wallet-test-kit';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Each call runs in its own transaction (no `tx`), as separate requests or rooms would. */
describeOnEngines('WalletService under concurrency', (db) => {
  it('50 concurrent spends of 1 diamond against 20: exactly 20 succeed and the balance ends at 0', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    const results = await Promise.allSettled(
      range(50).map((i) => wallet.spend(userId, { currency: 'diamonds', amount: 1, reason: 'premium_choice', idempotencyKey: `race:${i}` })),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect(results.filter((r) => codeOf(r) === 'INSUFFICIENT_DIAMONDS')).toHaveLength(30);
    expect((await storedWallet(db().orm, userId))?.diamonds).toBe(0);
    const spends = (await ledgerOf(db().orm, userId)).filter((r) => r.reason === 'premium_choice');
    expect(spends).toHaveLength(20);
    // Each spend saw the balance left by the one before it: 19, 18, … 0, each exactly once.
    expect(spends.map((r) => r.balanceAfter).sort((a, b) => a - b)).toEqual(range(20));
  });

  it('the same idempotency key sent concurrently charges once; the others replay it', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    const results = await Promise.all(
      range(10).map(() => wallet.spend(userId, { currency: 'diamonds', amount: 3, reason: 'premium_choice', idempotencyKey: 'double-click' })),
    );

    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.ledgerEntryId)).size).toBe(1);
    expect(results.every((r) => r.balanceAfter === 17 && r.delta === -3)).toBe(true);
    expect((await storedWallet(db().orm, userId))?.diamonds).toBe(17);
    expect((await ledgerOf(db().orm, userId)).filter((r) => r.idempotencyKey === 'double-click')).toHaveLength(1);
  });

  it('concurrent key spends never go below zero', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    const results = await Promise.allSettled(
      range(20).map((i) => wallet.spend(userId, { currency: 'keys', amount: 1, reason: 'chapter_start', idempotencyKey: `chapter:${i}` })),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => codeOf(r) === 'INSUFFICIENT_KEYS')).toHaveLength(15);
    expect((await storedWallet(db().orm, userId))?.keys).toBe(0);
    const spends = (await ledgerOf(db().orm, userId)).filter((r) => r.reason === 'chapter_start');
    expect(spends.map((r) => r.balanceAfter).sort((a, b) => a - b)).toEqual(range(5));
  });

  it('concurrent grants and spends of both currencies keep every balanceAfter consistent', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    await Promise.allSettled(
      range(40).map((i) => {
        const currency = i % 2 === 0 ? 'diamonds' : 'keys';
        const request = { currency, amount: 1 + (i % 3), reason: 'mix', idempotencyKey: `mix:${i}` } as const;
        return i % 4 < 2 ? wallet.spend(userId, request) : wallet.grant(userId, request);
      }),
    );

    const rows = await ledgerOf(db().orm, userId);
    const stored = await storedWallet(db().orm, userId);
    const diamondRows = rows.filter((r) => r.currency === 'diamonds');
    expect(diamondRows.reduce((sum, r) => sum + r.delta, 0)).toBe(stored?.diamonds);
    // Row locks serialise the writers, so in commit order every row follows from the previous one.
    for (const currency of ['diamonds', 'keys'] as const) {
      const ordered = rows.filter((r) => r.currency === currency).sort((a, b) => a.id - b.id);
      expect(ordered.at(-1)?.balanceAfter).toBe(stored?.[currency]);
      expect(ordered.every((r) => r.balanceAfter >= 0)).toBe(true);
      // The clock stands still here, so no key regenerates between rows.
      ordered.slice(1).forEach((row, i) => expect(row.balanceAfter).toBe((ordered[i]?.balanceAfter ?? NaN) + row.delta));
    }
  });
});
