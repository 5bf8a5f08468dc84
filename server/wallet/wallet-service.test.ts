import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { LedgerEntry } from '../database/entities';
import { DomainError } from '../shared/domain-error';
import { describeOnEngines } from '../../testing/test-database';
import { ledgerOf, openAccount, storedWallet, testRules, walletServiceFor } from './wallet-test-kit';

const diamonds = (amount: number, idempotencyKey: string) => ({ currency: 'diamonds' as const, amount, reason: 'test', idempotencyKey });
const keys = (amount: number, idempotencyKey: string) => ({ currency: 'keys' as const, amount, reason: 'chapter_start', idempotencyKey });

describeOnEngines('WalletService', (db) => {
  it('opens a wallet with a full set of keys, the welcome diamonds and one ledger row each', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    expect(await wallet.inventory(userId)).toEqual({ keys: 5, keysCap: 5, nextKeyAt: null, diamonds: 20 });
    const rows = await ledgerOf(db().orm, userId);
    expect(rows.map((r) => [r.currency, r.delta, r.balanceAfter, r.reason, r.idempotencyKey])).toEqual([
      ['keys', 5, 5, 'welcome', 'welcome:keys'],
      ['diamonds', 20, 20, 'welcome', 'welcome:diamonds'],
    ]);
  });

  it('answers WALLET_NOT_FOUND for an unknown or malformed user id', async () => {
    const { wallet } = walletServiceFor(db().orm);
    for (const userId of [randomUUID(), 'not-a-uuid']) {
      await expect(wallet.inventory(userId)).rejects.toMatchObject({ code: 'WALLET_NOT_FOUND' });
      await expect(wallet.spend(userId, diamonds(1, 'x'))).rejects.toMatchObject({ code: 'WALLET_NOT_FOUND' });
      await expect(wallet.spend(userId, keys(1, 'y'))).rejects.toMatchObject({ code: 'WALLET_NOT_FOUND' });
    }
  });

  it('spends and grants diamonds with a ledger row whose balanceAfter matches the wallet', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    const spent = await wallet.spend(userId, { ...diamonds(7, 'choice:1'), metadata: { sceneId: 's3' } });
    expect(spent).toMatchObject({ currency: 'diamonds', delta: -7, balanceAfter: 13, replayed: false });
    const granted = await wallet.grant(userId, diamonds(30, 'purchase:1'));
    expect(granted).toMatchObject({ currency: 'diamonds', delta: 30, balanceAfter: 43, replayed: false });

    const rows = await ledgerOf(db().orm, userId);
    const last = rows.at(-1);
    expect(last?.id).toBe(granted.ledgerEntryId);
    expect(last?.balanceAfter).toBe((await storedWallet(db().orm, userId))?.diamonds);
    expect(rows.find((r) => r.id === spent.ledgerEntryId)?.metadata).toEqual({ sceneId: 's3' });
    expect(rows.filter((r) => r.currency === 'diamonds').reduce((sum, r) => sum + r.delta, 0)).toBe(43);
  });

  it('refuses to go below zero with INSUFFICIENT_DIAMONDS and changes nothing', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    const refusal = await wallet.spend(userId, diamonds(21, 'too-much')).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'INSUFFICIENT_DIAMONDS', details: { currency: 'diamonds', needed: 21, available: 20 } });
    expect((await wallet.inventory(userId)).diamonds).toBe(20);
    expect(await ledgerOf(db().orm, userId)).toHaveLength(2);
    // The refused key was not consumed: once affordable, the same key goes through.
    await wallet.grant(userId, diamonds(1, 'top-up'));
    expect(await wallet.spend(userId, diamonds(21, 'too-much'))).toMatchObject({ balanceAfter: 0, replayed: false });
  });

  it('charges once for the same idempotency key twice and replays the earlier result', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    const first = await wallet.spend(userId, diamonds(5, 'premium:abc'));
    await wallet.spend(userId, diamonds(1, 'other'));
    const second = await wallet.spend(userId, diamonds(5, 'premium:abc'));

    expect(second).toEqual({ ...first, replayed: true });
    expect((await wallet.inventory(userId)).diamonds).toBe(14);
    expect((await ledgerOf(db().orm, userId)).filter((r) => r.idempotencyKey === 'premium:abc')).toHaveLength(1);
  });

  it('replays even when the balance could no longer pay for it', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);
    const first = await wallet.spend(userId, diamonds(20, 'all-in'));
    expect(await wallet.spend(userId, diamonds(20, 'all-in'))).toEqual({ ...first, replayed: true });
  });

  it('answers IDEMPOTENCY_CONFLICT when a key is reused for a different change', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);
    await wallet.spend(userId, diamonds(5, 'k1'));

    await expect(wallet.spend(userId, diamonds(6, 'k1'))).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    await expect(wallet.spend(userId, keys(5, 'k1'))).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    await expect(wallet.grant(userId, diamonds(5, 'k1'))).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    await expect(wallet.spend(userId, diamonds(1, 'welcome:diamonds'))).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    expect((await wallet.inventory(userId)).diamonds).toBe(15);
  });

  it('rejects amounts that are not positive whole numbers with INVALID_AMOUNT', async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);
    for (const amount of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      await expect(wallet.spend(userId, diamonds(amount, `bad:${amount}`))).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
      await expect(wallet.grant(userId, keys(amount, `bad:${amount}`))).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    }
    await expect(wallet.spend(userId, diamonds(1, ''))).rejects.toMatchObject({ code: 'INVALID_IDEMPOTENCY_KEY' });
    await expect(wallet.spend(userId, diamonds(1, 'k'.repeat(201)))).rejects.toMatchObject({ code: 'INVALID_IDEMPOTENCY_KEY' });
    await expect(wallet.spend(userId, { ...diamonds(1, 'c'), currency: 'gold' as never })).rejects.toMatchObject({ code: 'INVALID_CURRENCY' });
    expect(await ledgerOf(db().orm, userId)).toHaveLength(2);
  });

  it('spends keys, regenerates them over time up to the cap and refuses at zero', async () => {
    const { wallet, clock } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);
    const regen = testRules.keyRegenSeconds;

    const start = clock.now();
    expect(await wallet.spend(userId, keys(1, 'chapter:1'))).toMatchObject({ currency: 'keys', delta: -1, balanceAfter: 4 });
    expect(await wallet.inventory(userId)).toMatchObject({ keys: 4, nextKeyAt: new Date(start.getTime() + regen * 1000).toISOString() });

    clock.advance(60);
    await wallet.spend(userId, keys(4, 'chapter:2-5'));
    const refusal = wallet.spend(userId, keys(1, 'chapter:6'));
    await expect(refusal).rejects.toMatchObject({ code: 'INSUFFICIENT_KEYS', details: { currency: 'keys', needed: 1, available: 0 } });
    // Progress made before the spend is kept: the next key still comes one period after the first spend.
    expect(await wallet.inventory(userId)).toMatchObject({ keys: 0, nextKeyAt: new Date(start.getTime() + regen * 1000).toISOString() });

    clock.advance(regen - 61);
    expect((await wallet.inventory(userId)).keys).toBe(0);
    clock.advance(1);
    expect(await wallet.inventory(userId)).toMatchObject({ keys: 1, nextKeyAt: new Date(start.getTime() + 2 * regen * 1000).toISOString() });
    expect(await wallet.spend(userId, keys(1, 'chapter:6'))).toMatchObject({ balanceAfter: 0, replayed: false });

    clock.advance(30 * regen);
    expect(await wallet.inventory(userId)).toMatchObject({ keys: 5, nextKeyAt: null });
    const stored = await storedWallet(db().orm, userId);
    const lastKeyRow = (await ledgerOf(db().orm, userId)).filter((r) => r.currency === 'keys').at(-1);
    expect(lastKeyRow?.balanceAfter).toBe(stored?.keys);
  });

  it('grants keys above the cap, where regeneration pauses', async () => {
    const { wallet, clock } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);
    expect(await wallet.grant(userId, keys(2, 'gift'))).toMatchObject({ balanceAfter: 7 });
    clock.advance(10 * testRules.keyRegenSeconds);
    expect(await wallet.inventory(userId)).toMatchObject({ keys: 7, nextKeyAt: null });
  });

  it("leaves no trace when the caller's transaction rolls back after a spend", async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    const work = db().orm.em.fork().transactional(async (tx) => {
      const inside = await wallet.spend(userId, diamonds(5, 'rolled-back'), tx);
      expect(inside.balanceAfter).toBe(15);
      await wallet.spend(userId, keys(1, 'rolled-back-key'), tx);
      throw new Error('progress save failed');
    });
    await expect(work).rejects.toThrow('progress save failed');

    expect(await wallet.inventory(userId)).toMatchObject({ keys: 5, diamonds: 20 });
    expect(await db().orm.em.fork().count(LedgerEntry, { user: userId, idempotencyKey: { $like: 'rolled-back%' } })).toBe(0);
  });

  it("commits a spend with the caller's transaction, and a refusal inside it does not spoil the rest", async () => {
    const { wallet } = walletServiceFor(db().orm);
    const userId = await openAccount(db().orm, wallet);

    await db().orm.em.fork().transactional(async (tx) => {
      await wallet.spend(userId, diamonds(5, 'in-tx'), tx);
      await expect(wallet.spend(userId, diamonds(100, 'in-tx-too-much'), tx)).rejects.toMatchObject({ code: 'INSUFFICIENT_DIAMONDS' });
      expect(await wallet.spend(userId, diamonds(5, 'in-tx'), tx)).toMatchObject({ replayed: true });
    });
    expect((await wallet.inventory(userId)).diamonds).toBe(15);
  });
});
