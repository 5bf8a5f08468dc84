import type { ActionOutcome, StoryAction } from './apply-action';
import { applyAction } from './apply-action';
import { resumeChapter, startChapter } from './chapter-start';
import { InkChapterRules } from './ink/ink-chapter-rules';
import { isInkChapter, type InkChapter } from './ink/ink-chapter';
import type { PlayableChapter } from './playable-chapter';
import { viewScene, type SceneView } from './scene-view';
import type { StoryProgress } from './story-progress';

/** Any chapter a story can have: scenes (our format) or ink. */
export type AnyChapter = PlayableChapter | InkChapter;

/** The rules of one chapter, whatever its kind: what the room and the session services use. */
export interface ChapterRules {
  /** Progress at the chapter's start; what the player earned so far carries over. */
  start(earlier: StoryProgress | null): StoryProgress;
  /** Where a saved player resumes in this chapter. */
  resume(saved: StoryProgress): StoryProgress;
  act(progress: StoryProgress, action: StoryAction, now: Date): ActionOutcome;
  view(progress: StoryProgress): SceneView;
}

/** Scene chapters: the engine's functions as they were, behind the interface. */
export class SceneChapterRules implements ChapterRules {
  constructor(private readonly chapter: PlayableChapter) {}
  start(earlier: StoryProgress | null): StoryProgress {
    return startChapter(this.chapter, earlier);
  }
  resume(saved: StoryProgress): StoryProgress {
    return resumeChapter(this.chapter, saved);
  }
  act(progress: StoryProgress, action: StoryAction, now: Date): ActionOutcome {
    return applyAction(this.chapter, progress, action, now);
  }
  view(progress: StoryProgress): SceneView {
    return viewScene(this.chapter, progress);
  }
}

// One rules object per chapter object: an ink chapter's parsed story is made once per bundle
// (chapters are cached per content hash by the session services).
const cache = new WeakMap<AnyChapter, ChapterRules>();

export function rulesFor(chapter: AnyChapter): ChapterRules {
  let rules = cache.get(chapter);
  if (!rules) {
    rules = isInkChapter(chapter) ? new InkChapterRules(chapter) : new SceneChapterRules(chapter);
    cache.set(chapter, rules);
  }
  return rules;
}
