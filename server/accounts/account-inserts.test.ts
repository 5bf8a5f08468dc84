import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { LedgerEntry, RefreshToken, User, Wallet } from '../database/entities';
import { preparedStatements } from '../database/prepared-statements';
import { insertAccount, type NewAccount } from './account-inserts';

const createdAt = new Date('2026-12-05T08:00:00.000Z');

function newAccount(email: string | null): NewAccount {
  return {
    user: { id: randomUUID(), email, passwordHash: email ? 'hash' : null, displayName: 'Ione', isGuest: email === null },
    wallet: {
      keys: 5, keysAnchorAt: createdAt, diamonds: 20,
      ledger: [
        { currency: 'keys', delta: 5, balanceAfter: 5, reason: 'welcome', idempotencyKey: 'welcome:keys' },
        { currency: 'diamonds', delta: 20, balanceAfter: 20, reason: 'welcome', idempotencyKey: 'welcome:diamonds' },
      ],
    },
    refreshToken: { id: randomUUID(), familyId: randomUUID(), tokenHash: randomUUID().replace(/-/g, ''), expiresAt: new Date('2027-01-04T08:00:00.000Z'), createdAt },
    createdAt,
  };
}

describeOnEngines('insertAccount', (db) => {
  it('writes the user, the wallet, one welcome ledger row per currency and the first refresh token', async () => {
    const account = newAccount(null);
    await insertAccount(preparedStatements(db().orm), db().orm.em, account);
    const em = db().orm.em.fork();
    const user = await em.findOneOrFail(User, { id: account.user.id });
    expect([user.displayName, user.isGuest, user.email, user.createdAt.toISOString()]).toEqual(['Ione', true, null, createdAt.toISOString()]);
    const wallet = await em.findOneOrFail(Wallet, { user: account.user.id });
    expect([wallet.keys, wallet.diamonds, wallet.keysAnchorAt.toISOString()]).toEqual([5, 20, createdAt.toISOString()]);
    const ledger = await em.find(LedgerEntry, { user: account.user.id }, { orderBy: { id: 'asc' } });
    expect(ledger.map((row) => [row.currency, row.delta, row.balanceAfter, row.reason, row.idempotencyKey, row.metadata])).toEqual([
      ['keys', 5, 5, 'welcome', 'welcome:keys', null],
      ['diamonds', 20, 20, 'welcome', 'welcome:diamonds', null],
    ]);
    const token = await em.findOneOrFail(RefreshToken, { user: account.user.id });
    expect([token.id, token.familyId, token.tokenHash, token.expiresAt.toISOString(), token.usedAt, token.revokedAt]).toEqual([
      account.refreshToken.id, account.refreshToken.familyId, account.refreshToken.tokenHash, '2027-01-04T08:00:00.000Z', null, null,
    ]);
  });

  it('writes nothing of an account whose email is taken, and says so with the unique-key exception', async () => {
    const email = `taken-${randomUUID()}@example.com`;
    await insertAccount(preparedStatements(db().orm), db().orm.em, newAccount(email));
    const second = newAccount(email);
    await expect(insertAccount(preparedStatements(db().orm), db().orm.em, second)).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    const em = db().orm.em.fork();
    expect(await em.count(User, { id: second.user.id })).toBe(0);
    expect(await em.count(Wallet, { user: second.user.id })).toBe(0);
    expect(await em.count(LedgerEntry, { user: second.user.id })).toBe(0);
    expect(await em.count(RefreshToken, { id: second.refreshToken.id })).toBe(0);
  });
});
