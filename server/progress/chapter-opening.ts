import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { StoryProgress } from '../../rooms/story/engine';
import type { PreparedStatements, RowShape, SqlParam } from '../database/prepared-statements';
import type { Clock } from '../shared/clock';
import { BALANCES_SHAPE, LEDGER_COLUMNS, type WalletBalances } from '../wallet/wallet-queries';
import type { WalletService } from '../wallet/wallet-service';
import type { WalletChangeRequest } from '../wallet/wallet-types';
import { PROGRESS_COLUMNS, PROGRESS_PLACEHOLDERS_CAST, progressValues, PROGRESS_SET } from './progress-columns';

/** A chapter's key: its ledger row's idempotency key records the opening, so reopening the chapter replays it for free. */
export function chapterKey(storyId: string, chapterId: string): WalletChangeRequest {
  return { currency: 'keys', amount: 1, reason: 'chapter_open', idempotencyKey: `chapter:${chapterId}`, metadata: { storyId, chapterId } };
}

/** Opening a chapter that costs a key, from what the join read: the wallet, and the progress row (null: the story's first opening). */
export interface ChapterOpening {
  userId: string;
  storyId: string;
  chapterId: string;
  wallet: WalletBalances;
  saved: StoryProgress | null;
  progress: StoryProgress;
}

export interface ChapterOpeningDeps {
  statements: PreparedStatements;
  clock: Clock;
  wallet: WalletService;
}

const RETURNING_BALANCES = 'select "keys", keys_anchor_at as "keysAnchorAt", diamonds from spent';

/** The key taken from `user`'s wallet only if it still holds the pair it was read with (the new pair was computed from it). */
const spendKey = (user: string, condition = '') =>
  'update wallets set "keys" = ?::integer, keys_anchor_at = ?::timestamptz, updated_at = ?::timestamptz ' +
  `where user_id = ${user} and "keys" = ?::integer and keys_anchor_at = ?::timestamptz${condition} returning user_id, "keys", keys_anchor_at, diamonds`;

const LEDGER_ROW =
  `insert into currency_ledger (${LEDGER_COLUMNS}) ` +
  'select user_id, ?, ?::integer, "keys", ?, ?, ?::jsonb, ?::timestamptz from spent';

/** First opening: the key, its ledger row, the progress row and one more play of the story, each only with the key. */
const FIRST_OPENING_SQL =
  `with spent as (${spendKey('?::uuid')}), ledger as (${LEDGER_ROW}), ` +
  `progress as (insert into player_progress (id, user_id, story_id, ${PROGRESS_COLUMNS}, created_at, updated_at) ` +
  `select ?::uuid, user_id, ?, ${PROGRESS_PLACEHOLDERS_CAST}, ?::timestamptz, ?::timestamptz from spent), ` +
  'play as (update stories set plays = plays + 1 where id = ? and exists (select 1 from spent)) ' +
  RETURNING_BALANCES;

/**
 * Another chapter of a story already begun: the progress row is locked first, and only if it still
 * holds the step it was read at does the move happen — with the key spent, or, when the chapter's key
 * was paid before (its ledger row exists: a chapter read again), without one. The key and the move
 * happen together or not at all. Answers the balances written (a key spent), or `replayed` 1.
 */
const NEXT_OPENING_SQL =
  'with held as (select user_id from player_progress where user_id = ?::uuid and story_id = ? and step = ?::integer for update), ' +
  'paid as (select 1 from currency_ledger where user_id = (select user_id from held) and idempotency_key = ? limit 1), ' +
  `spent as (${spendKey('(select user_id from held)', ' and not exists (select 1 from paid)')}), ledger as (${LEDGER_ROW}), ` +
  `progress as (update player_progress set ${PROGRESS_SET} ` +
  'where user_id = (select user_id from held) and story_id = ? and (exists (select 1 from spent) or exists (select 1 from paid))) ' +
  'select s."keys", s.keys_anchor_at as "keysAnchorAt", s.diamonds, (exists (select 1 from paid))::integer as replayed from (select 1) as one left join spent as s on true';

const NEXT_OPENING_SHAPE: RowShape<WalletBalances & { replayed: number }> = { ...BALANCES_SHAPE, replayed: 'integer' };

/**
 * A chapter's key spent, its ledger row, and the progress written, in one PostgreSQL statement (one
 * round trip, atomic by itself) instead of a transaction of a dozen: every new reader of a story,
 * every chapter end and every chapter read again comes this way. It decides only the plain cases and
 * answers the wallet after it; it answers null, having changed nothing, whenever the caller's
 * transaction must decide — the wallet held no key when read (a chapter opened before reopens free),
 * the wallet or the progress changed since they were read, or a story's first opening finds the
 * chapter's key spent before (its ledger row exists).
 */
export class ChapterOpenings {
  constructor(private readonly deps: ChapterOpeningDeps) {}

  async openAtOnce(opening: ChapterOpening): Promise<WalletBalances | null> {
    const read = opening.wallet;
    const now = this.deps.clock.now();
    const next = this.deps.wallet.keysAfterTaking(read, 1, now);
    if (!next) return null;
    const key = chapterKey(opening.storyId, opening.chapterId);
    const newPair: SqlParam[] = [next.keys, next.keysAnchorAt, now];
    const readPair: SqlParam[] = [read.keys, read.keysAnchorAt];
    const ledger: SqlParam[] = [key.currency, -key.amount, key.reason, key.idempotencyKey, JSON.stringify(key.metadata), now];
    const { userId, storyId, saved, progress } = opening;
    try {
      if (!saved) {
        const params = [...newPair, userId, ...readPair, ...ledger, randomUUID(), storyId, ...progressValues(progress), now, now, storyId];
        return await this.deps.statements.first(FIRST_OPENING_SQL, params, BALANCES_SHAPE);
      }
      const params = [userId, storyId, saved.step, key.idempotencyKey, ...newPair, ...readPair, ...ledger, ...progressValues(progress), now, storyId];
      const answer = await this.deps.statements.first(NEXT_OPENING_SQL, params, NEXT_OPENING_SHAPE);
      if (!answer) return null;
      if (answer.replayed) return read;
      // No key spent and nothing replayed: the progress or the wallet moved since the read (the transaction decides).
      return answer.keys === null ? null : { keys: answer.keys, keysAnchorAt: answer.keysAnchorAt, diamonds: answer.diamonds };
    } catch (error) {
      // The ledger already holds this chapter's key, or a racing first opening made the progress row.
      if (error instanceof UniqueConstraintViolationException) return null;
      throw error;
    }
  }
}
