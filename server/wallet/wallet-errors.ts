import { DomainError } from '../shared/domain-error';
import type { Currency } from './wallet-types';

export function walletNotFound(userId: string): DomainError {
  return new DomainError('WALLET_NOT_FOUND', 'This account has no wallet', { userId });
}

/** INSUFFICIENT_KEYS or INSUFFICIENT_DIAMONDS, with what the player would need to act on it. */
export function insufficientBalance(currency: Currency, needed: number, available: number): DomainError {
  const code = currency === 'keys' ? 'INSUFFICIENT_KEYS' : 'INSUFFICIENT_DIAMONDS';
  return new DomainError(code, `Not enough ${currency}: ${needed} needed, ${available} available`, { currency, needed, available });
}
