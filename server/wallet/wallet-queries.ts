import { raw, type EntityManager } from '@mikro-orm/core';
import { LedgerEntry, Wallet } from '../database/entities';
import type { PreparedStatements } from '../database/prepared-statements';
import type { KeyState } from './key-regeneration';
import type { Currency } from './wallet-types';

/**
 * The wallet's SQL, one statement per function, always on the caller's entity manager so it joins
 * that manager's transaction. Native statements (not the unit of work) keep a caller's identity map
 * untouched and make each write visible at once to the statements that follow it.
 */

export interface WalletBalances extends KeyState {
  diamonds: number;
}

/** A fresh read of the row (never a copy cached in the identity map). */
export async function readWallet(tx: EntityManager, userId: string): Promise<WalletBalances | null> {
  const wallet = await tx.findOne(Wallet, { user: userId }, { disableIdentityMap: true });
  if (!wallet) return null;
  return { keys: wallet.keys, keysAnchorAt: wallet.keysAnchorAt, diamonds: wallet.diamonds };
}

const READ_WALLET_SQL = 'select "keys", keys_anchor_at as "keysAnchorAt", diamonds from wallets where user_id = ?';

/** The same read on its own connection, through a prepared statement (the hot path of a story join). */
export function readWalletOutsideTransaction(statements: PreparedStatements, userId: string): Promise<WalletBalances | null> {
  return statements.first<WalletBalances>(READ_WALLET_SQL, [userId], { keys: 'integer', keysAnchorAt: 'date', diamonds: 'integer' });
}

/**
 * Takes the row's write lock for the rest of the transaction (a portable SELECT … FOR UPDATE):
 * PostgreSQL blocks other writers of this row until we commit; SQLite takes its database write
 * lock now rather than failing on a read-to-write upgrade. False when there is no wallet.
 */
export async function claimWallet(tx: EntityManager, userId: string, now: Date): Promise<boolean> {
  return (await tx.nativeUpdate(Wallet, { user: userId }, { updatedAt: now })) === 1;
}

/**
 * Adds `delta` diamonds in one conditional statement that never takes the balance below zero:
 * concurrent spends queue on the row lock and each re-checks `diamonds >= amount` on the latest
 * committed value. False when nothing changed (too few diamonds, or no wallet).
 */
export async function changeDiamonds(tx: EntityManager, userId: string, delta: number, now: Date): Promise<boolean> {
  const where = delta < 0 ? { user: userId, diamonds: { $gte: -delta } } : { user: userId };
  const data = { diamonds: raw('diamonds + ?', [delta]), updatedAt: now };
  return (await tx.nativeUpdate(Wallet, where, data)) === 1;
}

/** Stores a settled key count; only called while the row is claimed. */
export async function storeKeys(tx: EntityManager, userId: string, keys: KeyState, now: Date): Promise<void> {
  await tx.nativeUpdate(Wallet, { user: userId }, { keys: keys.keys, keysAnchorAt: keys.keysAnchorAt, updatedAt: now });
}

export async function findLedgerEntry(tx: EntityManager, userId: string, idempotencyKey: string): Promise<LedgerEntry | null> {
  return tx.findOne(LedgerEntry, { user: userId, idempotencyKey }, { disableIdentityMap: true });
}

export interface NewLedgerEntry {
  userId: string;
  currency: Currency;
  delta: number;
  balanceAfter: number;
  reason: string;
  idempotencyKey: string;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}

/** Appends a ledger row; a reused idempotency key fails here with a unique-constraint violation. */
export async function insertLedgerEntry(tx: EntityManager, entry: NewLedgerEntry): Promise<number> {
  const { userId, ...columns } = entry;
  const id = await tx.insert(LedgerEntry, { ...columns, user: userId });
  return Number(id);
}
