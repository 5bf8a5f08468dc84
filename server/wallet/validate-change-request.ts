import { DomainError } from '../shared/domain-error';
import { CURRENCIES, type WalletChangeRequest } from './wallet-types';

/** The ledger's column widths: refuse early instead of letting the database truncate or fail. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
const MAX_REASON_LENGTH = 64;

/**
 * Callers are server code, but an amount or an idempotency key may come from a client, so a bad
 * value is a typed refusal (400), not a crash.
 */
export function assertValidChangeRequest(request: WalletChangeRequest): void {
  const { amount, currency, idempotencyKey, reason } = request;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new DomainError('INVALID_AMOUNT', 'The amount must be a positive whole number', { amount });
  }
  if (!CURRENCIES.includes(currency)) {
    throw new DomainError('INVALID_CURRENCY', `The currency must be one of ${CURRENCIES.join(', ')}`, { currency });
  }
  if (typeof idempotencyKey !== 'string' || idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new DomainError('INVALID_IDEMPOTENCY_KEY', `The idempotency key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  if (typeof reason !== 'string' || reason.length === 0 || reason.length > MAX_REASON_LENGTH) {
    throw new TypeError(`wallet change reason must be 1 to ${MAX_REASON_LENGTH} characters`);
  }
}
