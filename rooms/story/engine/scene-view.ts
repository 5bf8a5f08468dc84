import { conditionHolds, lockReason } from './conditions';
import type { PlayableChapter, PlayableScene, PlayableStep } from './playable-chapter';
import type { SceneStatus, StoryProgress } from './story-progress';

export interface ChoiceView {
  id: string;
  text: string;
  cost: number;
  locked: boolean;
  lockReason: string;
}

/** What the player sees of the current scene. */
export interface SceneView {
  sceneId: string;
  status: SceneStatus;
  background: string;
  music: string;
  timeline: PlayableStep[];
  prompt: string;
  choices: ChoiceView[];
  ending: { title: string; text: string } | null;
}

export function statusOf(scene: PlayableScene): SceneStatus {
  if (scene.end) return 'ended';
  return scene.choice ? 'choice' : 'playing';
}

export function viewScene(chapter: PlayableChapter, progress: StoryProgress): SceneView {
  const scene = chapter.scenes[progress.sceneId];
  if (!scene) throw new Error(`scene ${progress.sceneId} is not in chapter ${chapter.id}`);
  return {
    sceneId: progress.sceneId,
    status: statusOf(scene),
    background: scene.background ?? '',
    music: scene.music ?? '',
    // A line with `requires` is part of the scene only for a player for whom they all hold.
    timeline: scene.timeline.filter((step) => (step.requires ?? []).every((condition) => conditionHolds(condition, progress))),
    prompt: scene.choice?.prompt ?? '',
    choices: (scene.choice?.options ?? []).map((option) => {
      const reason = lockReason(option, progress);
      return { id: option.id, text: option.text, cost: option.cost ?? 0, locked: reason !== null, lockReason: reason ?? '' };
    }),
    ending: scene.end ? { title: scene.ending?.title ?? chapter.title, text: scene.ending?.text ?? '' } : null,
  };
}
