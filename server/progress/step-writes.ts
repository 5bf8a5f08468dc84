import type { StoryProgress } from '../../rooms/story/engine';
import type { CommitBatch } from '../database/group-commit';
import type { PreparedStatements, SqlParam } from '../database/prepared-statements';
import type { Clock } from '../shared/clock';

/** A free story step: `after` saved over `before`, only if the row still holds `before`'s step. */
export interface StepWrite {
  userId: string;
  before: StoryProgress;
  after: StoryProgress;
}

/** One row per player and story: two steps of it never share a commit. */
export const stepWriteKey = (write: StepWrite): string => `${write.userId}/${write.before.storyId}`;

/** A step, conditional on the step it started from: of two sessions racing, one wins. */
export const SAVE_STEP_SQL =
  'update player_progress set chapter_id = ?, scene_id = ?, status = ?, step = ?, flags = ?, relationships = ?, history = ?, completed_chapters = ?, ink_state = ?, player_name = ?, outfit = ?, owned_outfits = ?, updated_at = ? ' +
  'where user_id = ? and story_id = ? and step = ?';

/** Many steps in one statement: each column an array, unnested into rows; the rows it changed come back. */
const SAVE_STEPS_SQL =
  'update player_progress as p set chapter_id = v.chapter_id, scene_id = v.scene_id, status = v.status, step = v.step, flags = v.flags::jsonb, relationships = v.relationships::jsonb, ' +
  'history = v.history::jsonb, completed_chapters = v.completed_chapters::jsonb, ink_state = v.ink_state, player_name = v.player_name, outfit = v.outfit, owned_outfits = v.owned_outfits::jsonb, updated_at = ? ' +
  'from unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) ' +
  'as v(user_id, story_id, from_step, chapter_id, scene_id, status, step, flags, relationships, history, completed_chapters, ink_state, player_name, outfit, owned_outfits) ' +
  'where p.user_id = v.user_id and p.story_id = v.story_id and p.step = v.from_step ' +
  'returning p.user_id as "userId", p.story_id as "storyId"';

/** The saved columns of SAVE_STEP_SQL and of a new progress row, in their order. */
export function progressValues(progress: StoryProgress): (string | number | null)[] {
  const { chapterId, sceneId, status, step, flags, relationships, history, completedChapterIds, inkState, playerName, outfit, ownedOutfits } = progress;
  return [chapterId, sceneId, status, step, JSON.stringify(flags), JSON.stringify(relationships), JSON.stringify(history), JSON.stringify(completedChapterIds), inkState ?? null, playerName ?? null, outfit ?? null, JSON.stringify(ownedOutfits ?? [])];
}

/**
 * Saves a batch of steps in one commit (group commit's CommitBatch): on PostgreSQL one
 * `UPDATE … FROM unnest(…)` statement, on SQLite one prepared UPDATE per step in one transaction.
 * Answers per step whether it was saved (false: another session moved the story on).
 */
export function commitSteps(statements: PreparedStatements, clock: Clock): CommitBatch<StepWrite> {
  const oneStep = (w: StepWrite, now: Date): SqlParam[] => [...progressValues(w.after), now, w.userId, w.before.storyId, w.before.step];
  const many = statements.dialect === 'sqlite' ? sqliteSteps : postgresSteps;
  return async (writes) => {
    // Alone (an idle server): the one conditional UPDATE, which commits by itself.
    if (writes.length === 1) return [(await statements.run(SAVE_STEP_SQL, oneStep(writes[0]!, clock.now()))) === 1];
    return many(writes);
  };

  async function sqliteSteps(writes: readonly StepWrite[]): Promise<boolean[]> {
    const now = clock.now();
    return (await statements.runEach(SAVE_STEP_SQL, writes.map((w) => oneStep(w, now)))).map((n) => n === 1);
  }

  async function postgresSteps(writes: readonly StepWrite[]): Promise<boolean[]> {
    const rows = writes.map((w) => [w.userId, w.before.storyId, w.before.step, ...progressValues(w.after)]);
    const columns = rows[0]!.map((_, column) => rows.map((row) => row[column]!));
    const saved = await statements.all(SAVE_STEPS_SQL, [clock.now(), ...columns], { userId: 'text', storyId: 'text' });
    const keys = new Set(saved.map((row) => `${row.userId}/${row.storyId}`));
    return writes.map((w) => keys.has(stepWriteKey(w)));
  }
}
