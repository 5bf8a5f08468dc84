import type { Currency } from '../database/entities';

export type { Currency };

export const CURRENCIES: readonly Currency[] = ['keys', 'diamonds'];

/** The wallet knobs from the configuration (KEYS_CAP, KEY_REGEN_SECONDS, WELCOME_DIAMONDS). */
export interface WalletRules {
  keysCap: number;
  keyRegenSeconds: number;
  welcomeDiamonds: number;
}

/** A new account's wallet: its balances and the ledger rows that account for them (written with the account). */
export interface OpeningWallet {
  keys: number;
  keysAnchorAt: Date;
  diamonds: number;
  ledger: { currency: Currency; delta: number; balanceAfter: number; reason: string; idempotencyKey: string }[];
}

/** One requested balance change. The idempotency key is unique per user across all changes. */
export interface WalletChangeRequest {
  currency: Currency;
  /** A positive whole number; `spend` takes it away, `grant` adds it. */
  amount: number;
  /** Why, for the ledger (e.g. `chapter_start`, `premium_choice`, `purchase`). */
  reason: string;
  idempotencyKey: string;
  metadata?: Record<string, unknown>;
}

/** What a change did; `replayed` is true when the key had already been applied (nothing changed now). */
export interface WalletChange {
  currency: Currency;
  delta: number;
  balanceAfter: number;
  ledgerEntryId: number;
  replayed: boolean;
}

/** GET /v1/inventory: the REST contract's type. */
export type { Inventory } from '../../api/wallet';

/** What `reclaim` did: diamonds taken back, and the part already spent (never taken below zero). */
export interface WalletReclaim {
  taken: number;
  shortfall: number;
  balanceAfter: number;
  replayed: boolean;
}
