import type { StoryProgress } from '../../rooms/story/engine';

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

/** The saved columns as a PostgreSQL record set's definition, and as an UPDATE's `set` from its record `v`. */
export const PROGRESS_RECORD_TYPES = COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ');
export const PROGRESS_SET_FROM_RECORD = COLUMNS.map((c) => `${c.name} = v.${c.name}`).join(', ');

/** A step, conditional on the step it started from: of two sessions racing, one wins. */
export const SAVE_STEP_SQL = `update player_progress set ${PROGRESS_SET} where user_id = ? and story_id = ? and step = ?`;

/** The saved columns' values, in their order: the JSON columns as text. */
export function progressValues(progress: StoryProgress): (string | number | null)[] {
  return COLUMNS.map((c) => (c.type === 'jsonb' ? JSON.stringify(c.read(progress)) : c.read(progress)));
}

/** The saved columns as a record named like the table (a record set's row): the JSON columns as values. */
export function progressRecord(progress: StoryProgress): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const c of COLUMNS) record[c.name] = c.read(progress);
  return record;
}
