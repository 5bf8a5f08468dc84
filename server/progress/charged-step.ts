import type { RowShape, SqlParam, StatementRunner } from '../database/prepared-statements';
import type { PremiumCharge, ShareInsert } from '../earnings/writer-share-ledger';
import { BALANCES_SHAPE, FIND_LEDGER_SQL, INSERT_LEDGER_SQL, LEDGER_COLUMNS, READ_SQL, TAKE_DIAMONDS_SQL, type WalletBalances } from '../wallet/wallet-queries';
import { progressValues, PROGRESS_SET, SAVE_STEP_SQL } from './progress-columns';
import type { StepAnswer, StepWrite } from './step-writes';

/** What a premium step (a choice or an outfit) costs, paid in the step's own commit. */
export interface StepPayment {
  diamonds: number;
  /** Once per key (`choice:<story>:<step>`, `outfit:<story>:<outfit>`): a retry finds it and pays nothing. */
  idempotencyKey: string;
  reason: 'premium_choice' | 'premium_outfit';
  metadata: Record<string, unknown>;
  /** The writer's share of it, as an insert that joins the charge (null: nothing to credit). */
  share: (now: Date, onlyIf?: string) => ShareInsert | null;
}

export type ChargedStepWrite = StepWrite & { payment: StepPayment };

/** What the writer's share needs to know of a charged step. */
export const premiumChargeOf = (userId: string, before: StepWrite['before'], payment: Pick<StepPayment, 'diamonds' | 'idempotencyKey'>): PremiumCharge =>
  ({ readerId: userId, storyId: before.storyId, chapterId: before.chapterId, cost: payment.diamonds, idempotencyKey: payment.idempotencyKey });

/**
 * PostgreSQL, one statement: the progress row locked at the step it was read at; the diamonds taken
 * only if that held, the key was never paid, and there are enough; the ledger row, the new progress
 * and the writer's share only with them. A business refusal changes nothing and raises nothing, so
 * the statement can share a transaction with other players' steps. The last select says what happened.
 */
const chargedStepSql = (share: string) =>
  'with held as (select user_id from player_progress where user_id = ?::uuid and story_id = ? and step = ?::integer for update), ' +
  'unpaid as (select user_id from held where not exists (select 1 from currency_ledger l where l.user_id = held.user_id and l.idempotency_key = ?)), ' +
  'taken as (update wallets set diamonds = diamonds - ?::integer, updated_at = ?::timestamptz where user_id = (select user_id from unpaid) and diamonds >= ?::integer ' +
  'returning user_id, "keys", keys_anchor_at, diamonds), ' +
  `ledger as (insert into currency_ledger (${LEDGER_COLUMNS}) select user_id, 'diamonds', ?::integer, diamonds, ?, ?, ?::jsonb, ?::timestamptz from taken), ` +
  `moved as (update player_progress set ${PROGRESS_SET} ` +
  'where user_id = (select user_id from taken) and story_id = ?)' +
  (share ? `, share as (${share}) ` : ' ') +
  'select (select count(*) from held)::integer as held, (select count(*) from unpaid)::integer as unpaid, (select count(*) from taken)::integer as paid, ' +
  'coalesce(t."keys", w."keys") as "keys", coalesce(t.keys_anchor_at, w.keys_anchor_at) as "keysAnchorAt", coalesce(t.diamonds, w.diamonds) as diamonds ' +
  'from wallets w left join taken t on true where w.user_id = ?::uuid';

/** Counts of the statement's steps that happened (0 or 1 each), and the wallet after it. */
type ChargeOutcome = WalletBalances & { held: number; unpaid: number; paid: number };
const OUTCOME_SHAPE: RowShape<ChargeOutcome> = { held: 'integer', unpaid: 'integer', paid: 'integer', ...BALANCES_SHAPE };

const STEP_AT_SQL = 'select step from player_progress where user_id = ? and story_id = ?';

/**
 * A premium step and its charge, together or not at all, answered as a StepAnswer: saved (with the
 * wallet after it), moved on (another session saved this story first), too few diamonds, or
 * `undecided` when its key was paid before (a replay: the caller's transaction path decides). On
 * PostgreSQL one statement (alone it commits by itself); on SQLite, statements inside the caller's
 * transaction `tx` — which no other connection can write meanwhile, so checking first is exact.
 */
export async function writeChargedStep(tx: StatementRunner, write: ChargedStepWrite, now: Date): Promise<StepAnswer> {
  return tx.dialect === 'postgresql' ? chargeOnPostgres(tx, write, now) : chargeOnSqlite(tx, write, now);
}

async function chargeOnPostgres(tx: StatementRunner, { userId, before, after, payment }: ChargedStepWrite, now: Date): Promise<StepAnswer> {
  const share = payment.share(now, 'exists (select 1 from taken)');
  const params: SqlParam[] = [
    userId, before.storyId, before.step,
    payment.idempotencyKey,
    payment.diamonds, now, payment.diamonds,
    -payment.diamonds, payment.reason, payment.idempotencyKey, JSON.stringify(payment.metadata), now,
    ...progressValues(after), now, before.storyId,
    ...(share?.params ?? []),
    userId,
  ];
  const row = await tx.first(chargedStepSql(share?.sql ?? ''), params, OUTCOME_SHAPE);
  if (!row || (row.held === 1 && row.unpaid === 0)) return { kind: 'undecided' };
  if (row.held === 0) return { kind: 'movedOn' };
  const { keys, keysAnchorAt, diamonds } = row;
  return row.paid === 1 ? { kind: 'saved', wallet: { keys, keysAnchorAt, diamonds } } : { kind: 'tooFewDiamonds', available: diamonds };
}

async function chargeOnSqlite(tx: StatementRunner, { userId, before, after, payment }: ChargedStepWrite, now: Date): Promise<StepAnswer> {
  const at = await tx.first(STEP_AT_SQL, [userId, before.storyId], { step: 'integer' });
  if (at?.step !== before.step) return { kind: 'movedOn' };
  const wallet = await tx.first<WalletBalances>(READ_SQL, [userId], BALANCES_SHAPE);
  if (!wallet || (await tx.first(FIND_LEDGER_SQL, [userId, payment.idempotencyKey], { id: 'integer' }))) return { kind: 'undecided' };
  if (wallet.diamonds < payment.diamonds) return { kind: 'tooFewDiamonds', available: wallet.diamonds };
  const taken = await tx.first<{ diamonds: number }>(TAKE_DIAMONDS_SQL, [-payment.diamonds, now, userId, payment.diamonds], { diamonds: 'integer' });
  if (!taken) throw new Error('the wallet changed inside its transaction');
  const { diamonds } = taken;
  await tx.first(INSERT_LEDGER_SQL, [userId, 'diamonds', -payment.diamonds, diamonds, payment.reason, payment.idempotencyKey, JSON.stringify(payment.metadata), now], { id: 'integer' });
  if ((await tx.run(SAVE_STEP_SQL, [...progressValues(after), now, userId, before.storyId, before.step])) !== 1) throw new Error('the progress changed inside its transaction');
  const share = payment.share(now);
  if (share) await tx.run(share.sql, share.params);
  return { kind: 'saved', wallet: { ...wallet, diamonds } };
}
