import type { StoryProgress } from '../../rooms/story/engine';
import type { CommitBatch } from '../database/group-commit';
import type { PreparedStatements, SqlParam, StatementRunner } from '../database/prepared-statements';
import type { Clock } from '../shared/clock';
import type { WalletBalances } from '../wallet/wallet-queries';
import { writeChargedStep, type ChargedStepWrite, type StepPayment } from './charged-step';
import { progressValues, SAVE_STEP_SQL, STEP_HISTORY_HELD, STEP_RECORD_TYPES, STEP_SET_FROM_RECORD, stepRecord } from './progress-columns';

/** A story step: `after` saved over `before`, only if the row still holds `before`'s step; a premium one pays in the same commit. */
export interface StepWrite {
  userId: string;
  before: StoryProgress;
  after: StoryProgress;
  /** A premium step's price; absent for a free step. */
  payment?: StepPayment;
}

/** How a step's commit went: saved (with the wallet after a charge), or why not. */
export type StepAnswer =
  | { kind: 'saved'; wallet: WalletBalances | null }
  | { kind: 'movedOn' }
  | { kind: 'tooFewDiamonds'; available: number }
  /** Its charge's key was paid before (a replay): only the wallet's own transaction can say what that means. */
  | { kind: 'undecided' };

/** One row per player and story: two steps of it never share a commit. */
export const stepWriteKey = (write: StepWrite): string => `${write.userId}/${write.before.storyId}`;

/**
 * Many steps in one statement: the rows as one JSON array, read back as a record set. One parameter,
 * serialized natively, instead of fifteen arrays escaped element by element (the JSON columns twice);
 * each history only as what its step added (progress-columns.ts).
 */
const SAVE_STEPS_SQL =
  `update player_progress as p set ${STEP_SET_FROM_RECORD}, updated_at = ? ` +
  `from json_to_recordset(?::json) as v(user_id uuid, story_id text, from_step integer, ${STEP_RECORD_TYPES}) ` +
  `where p.user_id = v.user_id and p.story_id = v.story_id and p.step = v.from_step and ${STEP_HISTORY_HELD} ` +
  'returning p.user_id as "userId", p.story_id as "storyId"';

/** A step as SAVE_STEPS_SQL's record: the row it updates, the step it started from, what it saves. */
const savedStep = ({ userId, before, after }: StepWrite) => ({ user_id: userId, story_id: before.storyId, from_step: before.step, ...stepRecord(before, after) });

const freeAnswer = (saved: boolean): StepAnswer => (saved ? { kind: 'saved', wallet: null } : { kind: 'movedOn' });
const isCharged = (write: StepWrite): write is ChargedStepWrite => write.payment !== undefined;

/**
 * Saves a batch of steps in one commit (group commit's CommitBatch), each answered on its own: a
 * step alone is one statement that commits by itself; PostgreSQL's free steps together one
 * `UPDATE … FROM json_to_recordset(…)`; anything else one transaction — free steps as above (SQLite: one
 * prepared UPDATE each), each premium step with its charge (charged-step.ts), whose refusal
 * (moved on, too few diamonds) writes nothing of it and leaves its neighbours to commit.
 */
export function commitSteps(statements: PreparedStatements, clock: Clock): CommitBatch<StepWrite, StepAnswer> {
  const postgres = statements.dialect === 'postgresql';
  return async (writes) => {
    const now = clock.now();
    const charged = writes.some(isCharged);
    if (writes.length === 1 && (postgres || !charged)) return [await writeAlone(statements, writes[0]!, now)];
    if (postgres && !charged) return (await saveFreeSteps(statements, writes, now)).map(freeAnswer);
    return statements.transaction(async (tx) => {
      const free = writes.filter((w) => !isCharged(w));
      const freeSaved = await saveFreeSteps(tx, free, now);
      const answers: StepAnswer[] = [];
      let nextFree = 0;
      for (const write of writes) answers.push(isCharged(write) ? await writeChargedStep(tx, write, now) : freeAnswer(freeSaved[nextFree++]!));
      return answers;
    });
  };

  async function writeAlone(runner: StatementRunner, write: StepWrite, now: Date): Promise<StepAnswer> {
    if (isCharged(write)) return writeChargedStep(runner, write, now);
    if (postgres) return freeAnswer((await saveFreeSteps(runner, [write], now))[0]!);
    return freeAnswer((await runner.run(SAVE_STEP_SQL, oneStep(write, now))) === 1);
  }

  async function saveFreeSteps(runner: StatementRunner, writes: readonly StepWrite[], now: Date): Promise<boolean[]> {
    if (writes.length === 0) return [];
    if (!postgres) {
      const saved: boolean[] = [];
      for (const write of writes) saved.push((await runner.run(SAVE_STEP_SQL, oneStep(write, now))) === 1);
      return saved;
    }
    const changed = await runner.all(SAVE_STEPS_SQL, [now, JSON.stringify(writes.map(savedStep))], { userId: 'text', storyId: 'text' });
    const keys = new Set(changed.map((row) => `${row.userId}/${row.storyId}`));
    return writes.map((w) => keys.has(stepWriteKey(w)));
  }
}

const oneStep = (w: StepWrite, now: Date): SqlParam[] => [...progressValues(w.after), now, w.userId, w.before.storyId, w.before.step];
