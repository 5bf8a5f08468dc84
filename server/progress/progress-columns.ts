import type { ChoiceRecord, StoryProgress } from '../../rooms/story/engine';

type ProgressColumn =
  | { name: string; type: 'text' | 'integer'; read(progress: StoryProgress): string | number | null }
  | { name: string; type: 'jsonb'; read(progress: StoryProgress): unknown };

/**
 * The saved columns of a progress row, in one place: every statement's column list, placeholders and
 * values below derive from it, so a new column is one line here.
 */
const COLUMNS: readonly ProgressColumn[] = [
  { name: 'chapter_id', type: 'text', read: (p) => p.chapterId },
  { name: 'scene_id', type: 'text', read: (p) => p.sceneId },
  { name: 'status', type: 'text', read: (p) => p.status },
  { name: 'step', type: 'integer', read: (p) => p.step },
  { name: 'flags', type: 'jsonb', read: (p) => p.flags },
  { name: 'relationships', type: 'jsonb', read: (p) => p.relationships },
  { name: 'history', type: 'jsonb', read: (p) => p.history },
  { name: 'completed_chapters', type: 'jsonb', read: (p) => p.completedChapterIds },
  { name: 'ink_state', type: 'text', read: (p) => p.inkState ?? null },
  { name: 'player_name', type: 'text', read: (p) => p.playerName ?? null },
  { name: 'outfit', type: 'text', read: (p) => p.outfit ?? null },
  { name: 'owned_outfits', type: 'jsonb', read: (p) => p.ownedOutfits ?? [] },
];

/** The saved columns' names, in progressValues' order (for an insert). */
export const PROGRESS_COLUMNS = COLUMNS.map((c) => c.name).join(', ');

/** One placeholder per saved column; PostgreSQL's typed where a select has no column to infer the type from. */
export const PROGRESS_PLACEHOLDERS = COLUMNS.map(() => '?').join(', ');
export const PROGRESS_PLACEHOLDERS_CAST = COLUMNS.map((c) => (c.type === 'text' ? '?' : `?::${c.type}`)).join(', ');

/** The saved columns (progressValues, then updated_at), as an UPDATE's `set`. */
export const PROGRESS_SET = `${COLUMNS.map((c) => `${c.name} = ?`).join(', ')}, updated_at = ?`;

/** A step, conditional on the step it started from: of two sessions racing, one wins. */
export const SAVE_STEP_SQL = `update player_progress set ${PROGRESS_SET} where user_id = ? and story_id = ? and step = ?`;

/** The saved columns' values, in their order: the JSON columns as text. */
export function progressValues(progress: StoryProgress): (string | number | null)[] {
  return COLUMNS.map((c) => (c.type === 'jsonb' ? JSON.stringify(c.read(progress)) : c.read(progress)));
}

/**
 * A step's save as a record (PostgreSQL): the history is sent as what the step added to it, appended to
 * the saved one. It only grows — a choice adds a record, a chapter carries it over — and a reader's
 * history holds every choice they made in the story, so rewriting it whole made every step's save grow
 * with it (~5 KB a row in a rereading load test, where PostgreSQL spent 13–29 ms of a 100-row batch
 * parsing it). A step whose history is not its start's plus new records is saved whole.
 */
const STEP_COLUMNS = COLUMNS.filter((c) => c.name !== 'history');
export const STEP_RECORD_TYPES = [...STEP_COLUMNS.map((c) => `${c.name} ${c.type}`), 'history_from integer', 'history_added jsonb', 'history_whole jsonb'].join(', ');
/** The step's columns from its record `v` over the saved row `p`; an unchanged history is left as stored. */
export const STEP_SET_FROM_RECORD =
  `${STEP_COLUMNS.map((c) => `${c.name} = v.${c.name}`).join(', ')}, ` +
  'history = coalesce(v.history_whole, case when v.history_added is null then p.history else p.history || v.history_added end)';
/**
 * The saved history still has the length the step began from (with the step number: it is the history
 * the step extends). Not an equality of two sides, so that PostgreSQL checks it on the rows the join
 * matched rather than hashing it — which would read every row's history.
 */
export const STEP_HISTORY_HELD = 'jsonb_array_length(p.history) - v.history_from = 0';

export function stepRecord(before: StoryProgress, after: StoryProgress): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const c of STEP_COLUMNS) record[c.name] = c.read(after);
  record.history_from = before.history.length;
  const added = addedRecords(before.history, after.history);
  record.history_added = added && added.length > 0 ? added : null;
  record.history_whole = added ? null : after.history;
  return record;
}

/** The records `after` adds to `before` (the same records first, then new ones), or null when it is not such an extension. */
function addedRecords(before: readonly ChoiceRecord[], after: readonly ChoiceRecord[]): readonly ChoiceRecord[] | null {
  if (after === before) return [];
  if (after.length < before.length) return null;
  for (let i = 0; i < before.length; i++) if (after[i] !== before[i]) return null;
  return after.slice(before.length);
}
