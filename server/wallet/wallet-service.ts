import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { PreparedStatements } from '../database/prepared-statements';
import type { Clock } from '../shared/clock';
import { replayOf } from './idempotent-replay';
import { addKeys, currentKeys, nextKeyAt, takeKeys, type KeyState } from './key-regeneration';
import { assertValidChangeRequest } from './validate-change-request';
import { insufficientBalance, walletNotFound } from './wallet-errors';
import { WalletQueries, type WalletBalances } from './wallet-queries';
import type { Currency, Inventory, OpeningWallet, WalletChange, WalletChangeRequest, WalletReclaim, WalletRules } from './wallet-types';

export interface WalletServiceDeps {
  em: EntityManager;
  clock: Clock;
  rules: WalletRules;
  /** The wallet's statements run prepared, on the driver (a chapter's key is spent on every new chapter). */
  statements: PreparedStatements;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keys and diamonds (DESIGN.md §6): every change is one transaction holding a conditional update
 * (never below zero) and a ledger row whose per-user idempotency key makes retries harmless.
 */
export class WalletService {
  private readonly queries: WalletQueries;

  constructor(private readonly deps: WalletServiceDeps) {
    this.queries = new WalletQueries(deps.statements);
  }

  /**
   * A new account's wallet: a full set of keys and the welcome diamonds, each with its ledger row.
   * The accounts service writes it in the sign-up's one atomic insert (server/accounts/account-inserts.ts).
   */
  openingWallet(now: Date): OpeningWallet {
    const { keysCap, welcomeDiamonds } = this.deps.rules;
    const ledger = (['keys', 'diamonds'] as const).map((currency) => {
      const amount = currency === 'keys' ? keysCap : welcomeDiamonds;
      return { currency, delta: amount, balanceAfter: amount, reason: 'welcome', idempotencyKey: `welcome:${currency}` };
    });
    return { keys: keysCap, keysAnchorAt: now, diamonds: welcomeDiamonds, ledger };
  }

  async inventory(userId: string): Promise<Inventory> {
    const wallet = await this.balances(userId);
    if (!wallet) throw walletNotFound(userId);
    return this.inventoryOf(wallet, this.deps.clock.now());
  }

  /** The row as stored (keys counted at their anchor, not yet settled), or null when there is none. */
  private balances(userId: string): Promise<WalletBalances | null> {
    return UUID.test(userId) ? this.queries.read(undefined, userId) : Promise.resolve(null);
  }

  /** What `inventory` answers, from balances already in hand. */
  inventoryOf(wallet: WalletBalances, now: Date): Inventory {
    const next = nextKeyAt(wallet, this.deps.rules, now);
    return { keys: currentKeys(wallet, this.deps.rules, now), keysCap: this.deps.rules.keysCap, nextKeyAt: next?.toISOString() ?? null, diamonds: wallet.diamonds };
  }

  /**
   * The key pair to store after taking `count` keys from `wallet` at `now`, or null when it holds
   * fewer. For a caller that writes it in a statement of its own, guarded by the pair it read.
   */
  keysAfterTaking(wallet: KeyState, count: number, now: Date): KeyState | null {
    return currentKeys(wallet, this.deps.rules, now) < count ? null : takeKeys(wallet, this.deps.rules, now, count);
  }

  /** Takes `amount`; refuses with INSUFFICIENT_KEYS / INSUFFICIENT_DIAMONDS rather than go below zero. */
  spend(userId: string, request: WalletChangeRequest, tx?: EntityManager): Promise<WalletChange> {
    return this.change(userId, request, -request.amount, tx);
  }

  grant(userId: string, request: WalletChangeRequest, tx?: EntityManager): Promise<WalletChange> {
    return this.change(userId, request, request.amount, tx);
  }

  /**
   * Takes back up to `request.amount` diamonds (a refund or a lost dispute): never below zero. What
   * could not be taken because it was already spent is the `shortfall`. Once per idempotency key:
   * a repeat answers the first result. Runs in the caller's transaction when given one.
   */
  reclaim(userId: string, request: WalletChangeRequest, tx?: EntityManager): Promise<WalletReclaim> {
    assertValidChangeRequest(request);
    if (request.currency !== 'diamonds') throw new TypeError('only diamonds are reclaimed');
    if (!UUID.test(userId)) throw walletNotFound(userId);
    const run = (t: EntityManager) => this.reclaimOnce(t, userId, request);
    return tx ? run(tx) : this.deps.em.fork().transactional(run);
  }

  private async reclaimOnce(tx: EntityManager, userId: string, request: WalletChangeRequest): Promise<WalletReclaim> {
    const earlier = await this.queries.findLedgerEntry(tx, userId, request.idempotencyKey);
    if (earlier) return { taken: -earlier.delta, shortfall: request.amount + earlier.delta, balanceAfter: earlier.balanceAfter, replayed: true };
    return tx.transactional(async (inner) => {
      const now = this.deps.clock.now();
      // Lock the row first, so the balance read with the lock is the one the update applies to.
      const wallet = await this.queries.claim(inner, userId, now);
      if (!wallet) throw walletNotFound(userId);
      const taken = Math.min(wallet.diamonds, request.amount);
      if (taken > 0 && (await this.queries.changeDiamonds(inner, userId, -taken, now)) === null) throw insufficientBalance('diamonds', taken, wallet.diamonds);
      const balanceAfter = wallet.diamonds - taken;
      const shortfall = request.amount - taken;
      await this.queries.insertLedgerEntry(inner, {
        userId,
        currency: 'diamonds',
        delta: -taken,
        balanceAfter,
        reason: request.reason,
        idempotencyKey: request.idempotencyKey,
        metadata: { ...request.metadata, requested: request.amount, shortfall },
        createdAt: now,
      });
      return { taken, shortfall, balanceAfter, replayed: false };
    });
  }

  /** In the caller's transaction when given one (so a charge commits with, e.g., saved progress), else in its own. */
  private async change(userId: string, request: WalletChangeRequest, delta: number, tx?: EntityManager): Promise<WalletChange> {
    assertValidChangeRequest(request);
    if (!UUID.test(userId)) throw walletNotFound(userId);
    if (tx) return this.applyOnce(tx, userId, request, delta);
    return this.deps.em.fork().transactional((own) => this.applyOnce(own, userId, request, delta));
  }

  private async applyOnce(tx: EntityManager, userId: string, request: WalletChangeRequest, delta: number): Promise<WalletChange> {
    const earlier = await this.queries.findLedgerEntry(tx, userId, request.idempotencyKey);
    if (earlier) return replayOf(earlier, request, delta);
    try {
      // A savepoint: losing a race on the idempotency key undoes only this change, never the caller's work.
      return await tx.transactional((inner) => this.apply(inner, userId, request, delta));
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      // A concurrent call with the same key committed first; under READ COMMITTED its row is visible now.
      const winner = await this.queries.findLedgerEntry(tx, userId, request.idempotencyKey);
      if (!winner) throw error;
      return replayOf(winner, request, delta);
    }
  }

  private async apply(tx: EntityManager, userId: string, request: WalletChangeRequest, delta: number): Promise<WalletChange> {
    const now = this.deps.clock.now();
    const balanceAfter = await this.applyDelta(tx, userId, request.currency, delta, now);
    const ledgerEntryId = await this.queries.insertLedgerEntry(tx, {
      userId,
      currency: request.currency,
      delta,
      balanceAfter,
      reason: request.reason,
      idempotencyKey: request.idempotencyKey,
      metadata: request.metadata ?? null,
      createdAt: now,
    });
    return { currency: request.currency, delta, balanceAfter, ledgerEntryId, replayed: false };
  }

  /** Changes the balance and returns it; the row stays locked until the transaction ends. */
  private applyDelta(tx: EntityManager, userId: string, currency: Currency, delta: number, now: Date): Promise<number> {
    return currency === 'diamonds' ? this.applyDiamonds(tx, userId, delta, now) : this.applyKeys(tx, userId, delta, now);
  }

  private async applyDiamonds(tx: EntityManager, userId: string, delta: number, now: Date): Promise<number> {
    const balance = await this.queries.changeDiamonds(tx, userId, delta, now);
    if (balance !== null) return balance;
    const wallet = await this.queries.read(tx, userId);
    if (!wallet) throw walletNotFound(userId);
    throw insufficientBalance('diamonds', -delta, wallet.diamonds);
  }

  /** Keys regenerate with time, so the new count is computed here while the row is claimed. */
  private async applyKeys(tx: EntityManager, userId: string, delta: number, now: Date): Promise<number> {
    const wallet = await this.queries.claim(tx, userId, now);
    if (!wallet) throw walletNotFound(userId);
    const available = currentKeys(wallet, this.deps.rules, now);
    if (delta < 0 && available < -delta) throw insufficientBalance('keys', -delta, available);
    const next = delta < 0 ? takeKeys(wallet, this.deps.rules, now, -delta) : addKeys(wallet, this.deps.rules, now, delta);
    await this.queries.storeKeys(tx, userId, next, now);
    return next.keys;
  }
}
