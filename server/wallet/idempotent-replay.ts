import { DomainError } from '../shared/domain-error';
import type { LedgerRecord } from './wallet-queries';
import type { WalletChange, WalletChangeRequest } from './wallet-types';

/**
 * The answer to a request whose idempotency key was already applied: the earlier result, unchanged.
 * A key reused for a different change (currency, amount or direction) is a caller bug, not a retry.
 */
export function replayOf(earlier: LedgerRecord, request: WalletChangeRequest, delta: number): WalletChange {
  if (earlier.currency !== request.currency || earlier.delta !== delta) {
    throw new DomainError('IDEMPOTENCY_CONFLICT', 'This idempotency key was already used for a different change', {
      idempotencyKey: request.idempotencyKey,
      earlier: { currency: earlier.currency, delta: earlier.delta },
      requested: { currency: request.currency, delta },
    });
  }
  return { currency: earlier.currency, delta: earlier.delta, balanceAfter: earlier.balanceAfter, ledgerEntryId: earlier.id, replayed: true };
}
