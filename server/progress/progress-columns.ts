import type { StoryProgress } from '../../rooms/story/engine';

/** The saved columns (progressValues, then updated_at), as an UPDATE's `set`. */
export const PROGRESS_SET =
  'chapter_id = ?, scene_id = ?, status = ?, step = ?, flags = ?, relationships = ?, history = ?, completed_chapters = ?, ink_state = ?, player_name = ?, outfit = ?, owned_outfits = ?, updated_at = ?';

/** A step, conditional on the step it started from: of two sessions racing, one wins. */
export const SAVE_STEP_SQL = `update player_progress set ${PROGRESS_SET} where user_id = ? and story_id = ? and step = ?`;

/** The saved columns of SAVE_STEP_SQL and of a new progress row, in their order. */
export function progressValues(progress: StoryProgress): (string | number | null)[] {
  const { chapterId, sceneId, status, step, flags, relationships, history, completedChapterIds, inkState, playerName, outfit, ownedOutfits } = progress;
  return [chapterId, sceneId, status, step, JSON.stringify(flags), JSON.stringify(relationships), JSON.stringify(history), JSON.stringify(completedChapterIds), inkState ?? null, playerName ?? null, outfit ?? null, JSON.stringify(ownedOutfits ?? [])];
}
