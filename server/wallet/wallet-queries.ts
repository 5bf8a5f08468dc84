import type { EntityManager } from '@mikro-orm/core';
import type { LedgerEntry } from '../database/entities';
import type { PreparedStatements, RowShape } from '../database/prepared-statements';
import type { KeyState } from './key-regeneration';
import type { Currency } from './wallet-types';

export interface WalletBalances extends KeyState {
  diamonds: number;
}

/** What a replay needs of an earlier ledger row. */
export type LedgerRecord = Pick<LedgerEntry, 'id' | 'currency' | 'delta' | 'balanceAfter'>;

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

const BALANCES = '"keys", keys_anchor_at as "keysAnchorAt", diamonds';
/** The ledger's columns in the order every insert of a ledger row lists them. */
export const LEDGER_COLUMNS = 'user_id, currency, delta, balance_after, reason, idempotency_key, metadata, created_at';
/** How a wallet row reads back (also where another statement returns the balances it wrote). */
export const BALANCES_SHAPE: RowShape<WalletBalances> = { keys: 'integer', keysAnchorAt: 'date', diamonds: 'integer' };
const LEDGER_SHAPE: RowShape<LedgerRecord> = { id: 'integer', currency: 'text', delta: 'integer', balanceAfter: 'integer' };

/** Exported, with the next three, for a caller that runs them in a transaction of its own (a premium step's batch). */
export const READ_SQL = `select ${BALANCES} from wallets where user_id = ?`;
const CLAIM_SQL = `update wallets set updated_at = ? where user_id = ? returning ${BALANCES}`;
export const TAKE_DIAMONDS_SQL = 'update wallets set diamonds = diamonds + ?, updated_at = ? where user_id = ? and diamonds >= ? returning diamonds';
const ADD_DIAMONDS_SQL = 'update wallets set diamonds = diamonds + ?, updated_at = ? where user_id = ? returning diamonds';
const STORE_KEYS_SQL = 'update wallets set "keys" = ?, keys_anchor_at = ?, updated_at = ? where user_id = ?';
export const FIND_LEDGER_SQL = 'select id, currency, delta, balance_after as "balanceAfter" from currency_ledger where user_id = ? and idempotency_key = ?';
export const INSERT_LEDGER_SQL = `insert into currency_ledger (${LEDGER_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?) returning id`;

/**
 * The wallet's SQL, one statement per method, each a statement prepared once per connection. `tx`
 * is the caller's entity manager inside `transactional()`: the statement joins that transaction, and
 * each write is visible at once to the statements after it. Reads without `tx` use a connection of
 * their own.
 */
export class WalletQueries {
  constructor(private readonly statements: PreparedStatements) {}

  /** A fresh read of the row. */
  read(tx: EntityManager | undefined, userId: string): Promise<WalletBalances | null> {
    return this.statements.first(READ_SQL, [userId], BALANCES_SHAPE, tx);
  }

  /**
   * Takes the row's write lock for the rest of the transaction (a portable SELECT … FOR UPDATE) and
   * answers the balances under it: PostgreSQL blocks other writers of this row until we commit;
   * SQLite takes its database write lock now rather than failing on a read-to-write upgrade.
   * Null when there is no wallet.
   */
  claim(tx: EntityManager, userId: string, now: Date): Promise<WalletBalances | null> {
    return this.statements.first(CLAIM_SQL, [now, userId], BALANCES_SHAPE, tx);
  }

  /**
   * Adds `delta` diamonds in one conditional statement that never takes the balance below zero:
   * concurrent spends queue on the row lock and each re-checks `diamonds >= amount` on the latest
   * committed value. Answers the new balance, or null when nothing changed (too few diamonds, or no wallet).
   */
  async changeDiamonds(tx: EntityManager, userId: string, delta: number, now: Date): Promise<number | null> {
    const row = delta < 0
      ? await this.statements.first<{ diamonds: number }>(TAKE_DIAMONDS_SQL, [delta, now, userId, -delta], { diamonds: 'integer' }, tx)
      : await this.statements.first<{ diamonds: number }>(ADD_DIAMONDS_SQL, [delta, now, userId], { diamonds: 'integer' }, tx);
    return row?.diamonds ?? null;
  }

  /** Stores a settled key count; only called while the row is claimed. */
  async storeKeys(tx: EntityManager, userId: string, keys: KeyState, now: Date): Promise<void> {
    await this.statements.run(STORE_KEYS_SQL, [keys.keys, keys.keysAnchorAt, now, userId], tx);
  }

  findLedgerEntry(tx: EntityManager, userId: string, idempotencyKey: string): Promise<LedgerRecord | null> {
    return this.statements.first(FIND_LEDGER_SQL, [userId, idempotencyKey], LEDGER_SHAPE, tx);
  }

  /** Appends a ledger row; a reused idempotency key fails here with a unique-constraint violation. */
  async insertLedgerEntry(tx: EntityManager, entry: NewLedgerEntry): Promise<number> {
    const { userId, currency, delta, balanceAfter, reason, idempotencyKey, metadata, createdAt } = entry;
    const params = [userId, currency, delta, balanceAfter, reason, idempotencyKey, metadata === null ? null : JSON.stringify(metadata), createdAt];
    const row = await this.statements.first<{ id: number }>(INSERT_LEDGER_SQL, params, { id: 'integer' }, tx);
    if (!row) throw new Error('the ledger insert returned no id');
    return row.id;
  }
}
