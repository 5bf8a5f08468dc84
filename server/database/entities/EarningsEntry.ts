import { EntitySchema } from '@mikro-orm/core';
import { User } from './User';

/**
 * Append-only: a writer's share of one premium choice, written in the transaction that charged the
 * reader. Unique per (reader, idempotency key of the charge): a retried choice earns nothing twice.
 */
export class EarningsEntry {
  id!: number;
  writer!: User;
  reader!: User;
  storyId!: string;
  chapterId!: string;
  diamonds!: number;
  idempotencyKey!: string;
  createdAt: Date = new Date();
}

export const EarningsEntrySchema = new EntitySchema<EarningsEntry>({
  class: EarningsEntry,
  tableName: 'earnings_ledger',
  indexes: [{ properties: ['writer', 'id'] }],
  uniques: [{ name: 'earnings_ledger_reader_idempotency_unique', properties: ['reader', 'idempotencyKey'] }],
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    writer: { kind: 'm:1', entity: () => User },
    reader: { kind: 'm:1', entity: () => User },
    storyId: { type: 'string', length: 64 },
    chapterId: { type: 'string', length: 128 },
    diamonds: { type: 'integer' },
    idempotencyKey: { type: 'string', length: 200 },
    createdAt: { type: 'datetime' },
  },
});
