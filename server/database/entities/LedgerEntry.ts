import { EntitySchema } from '@mikro-orm/core';
import { User } from './User';

export type Currency = 'keys' | 'diamonds';

/**
 * Append-only record of every balance change. The (user, idempotencyKey) pair is unique, which is
 * what makes a retried spend or a redelivered payment apply exactly once.
 */
export class LedgerEntry {
  id!: number;
  user!: User;
  currency!: Currency;
  delta!: number;
  balanceAfter!: number;
  reason!: string;
  idempotencyKey!: string;
  metadata: Record<string, unknown> | null = null;
  createdAt: Date = new Date();
}

export const LedgerEntrySchema = new EntitySchema<LedgerEntry>({
  class: LedgerEntry,
  tableName: 'currency_ledger',
  uniques: [{ name: 'currency_ledger_user_idempotency_unique', properties: ['user', 'idempotencyKey'] }],
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    user: { kind: 'm:1', entity: () => User },
    currency: { type: 'string', length: 16 },
    delta: { type: 'integer' },
    balanceAfter: { type: 'integer' },
    reason: { type: 'string', length: 64 },
    idempotencyKey: { type: 'string', length: 200 },
    metadata: { type: 'json', nullable: true },
    createdAt: { type: 'datetime' },
  },
});
