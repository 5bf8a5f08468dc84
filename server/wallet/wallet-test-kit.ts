import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { LedgerEntry, User, Wallet } from '../database/entities';
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

/** Registers a user the way the accounts service will: user and wallet in one transaction. */
export async function openAccount(orm: MikroORM, wallet: WalletService): Promise<string> {
  const id = randomUUID();
  await orm.em.fork().transactional(async (tx) => {
    const user = tx.create(User, { id, displayName: 'Reader', isGuest: false, createdAt: new Date(), updatedAt: new Date() });
    await wallet.openWallet(tx, user);
  });
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
