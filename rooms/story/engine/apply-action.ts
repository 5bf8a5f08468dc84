import { conditionHolds } from './conditions';
import type { PlayableChapter, PlayableOption } from './playable-chapter';
import { statusOf } from './scene-view';
import type { Refusal, StoryProgress } from './story-progress';

export type StoryAction = { type: 'advance' } | { type: 'choose'; choiceId: string };

export type ActionOutcome =
  | { ok: true; progress: StoryProgress; diamonds: number; choice: PlayableOption | null }
  | { ok: false; refusal: Refusal };

/**
 * The rules of play. Given a chapter and where the player stands, an action either moves them on
 * (the new progress, and the diamonds a premium option costs) or is refused with a reason.
 * Pure: the caller charges and saves, and decides nothing itself.
 */
export function applyAction(chapter: PlayableChapter, progress: StoryProgress, action: StoryAction, now: Date): ActionOutcome {
  const scene = chapter.scenes[progress.sceneId];
  if (!scene) return refuse('SCENE_NOT_FOUND', `Scene ${progress.sceneId} is not part of this chapter`);
  if (action.type === 'advance') {
    if (scene.end) return refuse('CHAPTER_ENDED', 'This chapter has ended');
    if (scene.choice) return refuse('CHOICE_REQUIRED', 'Choose one of the options to go on');
    if (!scene.nextSceneId) return refuse('CONTENT_BROKEN', `Scene ${progress.sceneId} leads nowhere`);
    return moveTo(chapter, progress, scene.nextSceneId, null, now);
  }
  const option = scene.choice?.options.find((candidate) => candidate.id === action.choiceId);
  if (!option) return refuse('INVALID_CHOICE', `"${action.choiceId}" is not one of the options offered here`, { choiceId: action.choiceId });
  const unmet = (option.requires ?? []).filter((condition) => !conditionHolds(condition, progress));
  if (unmet.length > 0) return refuse('OPTION_LOCKED', `"${option.text}" is locked`, { choiceId: option.id, requires: unmet });
  return moveTo(chapter, withEffects(progress, option), option.nextSceneId, option, now);
}

function moveTo(chapter: PlayableChapter, progress: StoryProgress, sceneId: string, option: PlayableOption | null, now: Date): ActionOutcome {
  const next = chapter.scenes[sceneId];
  // Runtime counterpart of the linter's DANGLING_NEXT_SCENE: refuse rather than strand the player.
  if (!next) return refuse('CONTENT_BROKEN', `Scene ${sceneId} does not exist in this chapter`);
  const status = statusOf(next);
  const completed = status === 'ended' && !progress.completedChapterIds.includes(chapter.id);
  return {
    ok: true,
    diamonds: option?.cost ?? 0,
    choice: option,
    progress: {
      ...progress,
      sceneId,
      status,
      step: progress.step + 1,
      history: option ? [...progress.history, { chapterId: chapter.id, sceneId: progress.sceneId, choiceId: option.id, at: now.toISOString() }] : progress.history,
      completedChapterIds: completed ? [...progress.completedChapterIds, chapter.id] : progress.completedChapterIds,
    },
  };
}

/** The seed format's `flag`, then the `effects` extension (absolute `set` before the deltas). */
function withEffects(progress: StoryProgress, option: PlayableOption): StoryProgress {
  const flags = { ...progress.flags };
  if (option.flag) flags[option.flag] = true;
  Object.assign(flags, option.effects?.flags);
  const relationships = { ...progress.relationships, ...option.effects?.set };
  for (const [character, delta] of Object.entries(option.effects?.relationships ?? {})) {
    relationships[character] = (relationships[character] ?? 0) + delta;
  }
  return { ...progress, flags, relationships };
}

function refuse(code: string, message: string, details?: Record<string, unknown>): ActionOutcome {
  return { ok: false, refusal: { code, message, details } };
}
