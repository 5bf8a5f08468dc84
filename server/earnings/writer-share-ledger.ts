import type { EntityManager } from '@mikro-orm/core';
import type { PreparedStatements, SqlParam } from '../database/prepared-statements';
import type { Clock } from '../shared/clock';

/** One premium choice that was just charged, as the story session saw it. */
export interface PremiumCharge {
  readerId: string;
  storyId: string;
  chapterId: string;
  /** Diamonds the reader paid. */
  cost: number;
  /** The charge's own idempotency key (`choice:<storyId>:<step>`): the share is keyed by it too. */
  idempotencyKey: string;
}

/** What the story session needs: write the writer's share inside the charge's transaction. */
export interface WriterShares {
  /** Answers the diamonds credited to the writer now (0: none — no owner, a share of 0, or already recorded). */
  record(tx: EntityManager, charge: PremiumCharge): Promise<number>;
  /**
   * The share's insert, for a statement or transaction of the caller's own (a story step's charge in
   * its commit): `onlyIf`, one more SQL condition, e.g. that the charge in the same statement happened.
   * Null when there is nothing to credit (a share of 0).
   */
  insertFor(charge: PremiumCharge, now: Date, onlyIf?: string): ShareInsert | null;
}

export interface ShareInsert {
  sql: string;
  params: SqlParam[];
}

/** The writer's share of a cost, in whole diamonds, rounded down (the reader's diamonds are never split). */
export function writerShare(cost: number, percent: number): number {
  return Math.floor((cost * percent) / 100);
}

/*
 * One statement: the owner lookup (the stories primary key) and the insert together, so a premium
 * choice pays one round trip for its share. No row when the story has no owner, or when the reader
 * is its owner (a writer's own spending in their story is not a reader's). A retried or replayed
 * charge finds its row through the unique (reader, key) and does nothing: the conflict is ignored,
 * not raised, so the charge's transaction goes on (PostgreSQL would abort it on an error).
 * `where` is required by SQLite's parser for an INSERT … SELECT with an upsert clause.
 */
const recordShareSql = (onlyIf: string) =>
  'insert into earnings_ledger (writer_id, reader_id, story_id, chapter_id, diamonds, idempotency_key, created_at) ' +
  `select owner_id, ?, id, ?, ?, ?, ? from stories where id = ? and owner_id is not null and owner_id <> ? and ${onlyIf} ` +
  'on conflict (reader_id, idempotency_key) do nothing';

export interface WriterShareLedgerDeps {
  statements: PreparedStatements;
  clock: Clock;
  /** WRITER_SHARE_PERCENT. */
  sharePercent: number;
}

/** The append-only earnings ledger's writer: the writer's share of each premium choice (DESIGN.md §6). */
export class WriterShareLedger implements WriterShares {
  constructor(private readonly deps: WriterShareLedgerDeps) {
    if (!Number.isInteger(deps.sharePercent) || deps.sharePercent < 0 || deps.sharePercent > 100) throw new RangeError(`the writer's share must be 0 to 100 percent, not ${deps.sharePercent}`);
  }

  async record(tx: EntityManager, charge: PremiumCharge): Promise<number> {
    const insert = this.insertFor(charge, this.deps.clock.now());
    // Nothing to credit: no statement at all.
    if (!insert) return 0;
    const written = await this.deps.statements.run(insert.sql, insert.params, tx);
    return written === 1 ? writerShare(charge.cost, this.deps.sharePercent) : 0;
  }

  insertFor(charge: PremiumCharge, now: Date, onlyIf = '1 = 1'): ShareInsert | null {
    const diamonds = writerShare(charge.cost, this.deps.sharePercent);
    if (diamonds <= 0) return null;
    const { readerId, storyId, chapterId, idempotencyKey } = charge;
    return { sql: recordShareSql(onlyIf), params: [readerId, chapterId, diamonds, idempotencyKey, now, storyId, readerId] };
  }
}
