/**
 * The part of a chapter bundle (content-pipeline/FORMAT.md) the engine reads. Structural, so the
 * engine depends on the format, not on the pipeline's code; a built ChapterBundle fits it.
 */
export type Condition = { flag: string; set?: boolean } | { relationship: string; min?: number; max?: number };

export interface OptionEffects {
  flags?: Record<string, boolean>;
  relationships?: Record<string, number>;
  /** Absolute relationship values, applied before the deltas. */
  set?: Record<string, number>;
}

export interface PlayableOption {
  id: string;
  text: string;
  nextSceneId: string;
  cost?: number;
  flag?: string;
  effects?: OptionEffects;
  requires?: Condition[];
  /** The writer's words for why the option is locked (shown instead of the default). */
  lockedText?: string;
}

export interface PlayableStep {
  type: string;
  character?: string;
  text?: string;
  mood?: string;
  position?: string;
  /** Shown only when all hold. */
  requires?: Condition[];
}

export interface PlayableScene {
  background?: string;
  music?: string;
  timeline: PlayableStep[];
  nextSceneId?: string;
  choice?: { prompt: string; options: PlayableOption[] };
  end?: boolean;
  ending?: { title: string; text?: string };
  /** The scene asks the player to name their character. */
  nameEntry?: boolean;
  /** The scene offers the story's outfits. */
  wardrobe?: boolean;
}

/** An outfit of the story's wardrobe (story.json `outfits`). */
export interface PlayableOutfit {
  id: string;
  name: string;
  /** Diamonds, paid once; absent or 0: free. */
  cost?: number;
  sprite?: string;
}

export interface PlayableChapter {
  id: string;
  storyId: string;
  number: number;
  title: string;
  startSceneId: string;
  scenes: Record<string, PlayableScene>;
  protagonist?: { defaultName: string; nameable?: boolean };
  outfits?: PlayableOutfit[];
}
