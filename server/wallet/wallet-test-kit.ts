import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { insertAccount } from '../accounts/account-inserts';
import { LedgerEntry, Wallet } from '../database/entities';
import { preparedStatements } from '../database/prepared-statements';
import { ManualClock } from '../shared/clock';
import { WalletService } from './wallet-service';
import type { WalletRules } from './wallet-types';

/** Test helpers for the wallet suites (not shipped code paths). */

export const testRules: WalletRules = { keysCap: 5, keyRegenSeconds: 10_800, welcomeDiamonds: 20 };

export function walletServiceFor(orm: MikroORM, rules: WalletRules = testRules): { wallet: WalletService; clock: ManualClock } {
  const clock = new ManualClock();
  return { wallet: new WalletService({ em: orm.em, clock, rules, statements: preparedStatements(orm) }), clock };
}

/** Registers a user the way the accounts service does: user, wallet and its ledger rows in one atomic insert. */
export async function openAccount(orm: MikroORM, wallet: WalletService): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  const refreshToken = { id: randomUUID(), familyId: randomUUID(), tokenHash: randomUUID(), expiresAt: now, createdAt: now };
  await insertAccount(preparedStatements(orm), orm.em, { user: { id, email: null, passwordHash: null, displayName: 'Reader', isGuest: false }, wallet: wallet.openingWallet(now), refreshToken, createdAt: now });
  return id;
}

export function ledgerOf(orm: MikroORM, userId: string): Promise<LedgerEntry[]> {
  return orm.em.fork().find(LedgerEntry, { user: userId }, { orderBy: { id: 'asc' } });
}

export function storedWallet(orm: MikroORM, userId: string): Promise<Wallet | null> {
  return orm.em.fork().findOne(Wallet, { user: userId });
}

/** The `code` of a rejected call, for asserting typed refusals. */
export function codeOf(result: PromiseSettledResult<unknown>): string | undefined {
  if (result.status === 'fulfilled') return undefined;
  return (result.reason as { code?: string }).code;
}
