/**
 * The contract between the app shell (screens, connection, room) and the PixiJS story player.
 * The shell owns the Colyseus room; the player only renders what it is given and reports what
 * the reader did. Both sides code against this file.
 */
import type { AnyChapterBundle as ChapterBundle } from '../../../content-pipeline';

/** One line of the current scene's timeline, as the room's state holds it. */
export interface TimelineLine {
  kind: 'dialogue' | 'narration' | 'show' | 'hide' | string;
  character: string;
  text: string;
  mood: string;
  position: string;
}

export interface ChoiceOption {
  id: string;
  text: string;
  /** Diamonds; > 0 is a premium option. */
  cost: number;
  locked: boolean;
  lockReason: string;
}

/** A plain copy of the room's StoryState for one scene (rooms/story/StoryState.ts). */
export interface SceneSnapshot {
  storyId: string;
  chapterId: string;
  chapterNumber: number;
  chapterTitle: string;
  sceneId: string;
  /** Which visit of the scene (progress step): with the scene, it keys the reader's line on this device. */
  step: number;
  status: 'playing' | 'choice' | 'ended' | 'locked' | string;
  background: string;
  music: string;
  timeline: TimelineLine[];
  prompt: string;
  choices: ChoiceOption[];
  flags: Record<string, boolean>;
  relationships: Record<string, number>;
  endingTitle: string;
  endingText: string;
  nextChapterId: string;
  keys: number;
  keysCap: number;
  nextKeyAt: string;
  diamonds: number;
}

export interface StoryPlayerOptions {
  /** The element the player fills (canvas + its DOM overlay); the shell sizes it. */
  host: HTMLElement;
  bundle: ChapterBundle;
  /** Prefix for the story's relative asset paths, e.g. `/v1/stories/dead-air/assets/`. */
  assetBase: string;
  /** Where an asset path is fetched from, instead of under `assetBase` (a writer's preview uses the studio's uploads). */
  assetUrl?(path: string): string;
  storyTitle: string;
  reducedMotion: boolean;
  /** The reader finished the scene's last line of a scene without a choice. */
  onAdvance(): void;
  onChoose(choiceId: string): void;
  /** The chapter's end scene has been read through. */
  onChapterEnd(snapshot: SceneSnapshot): void;
  /** The reader pressed the HUD's diamond/key counters (the shell opens the store/inventory). */
  onOpenStore?(): void;
  /** "Back to the library" in the pause menu (absent: the menu has no such button). */
  onLibrary?(): void;
}

export interface StoryPlayer {
  /** Loads every asset the chapter names, reporting 0..1; call before the first `showScene`. */
  preload(onProgress: (fraction: number) => void): Promise<void>;
  /** A new scene (sceneId changed) or the first one: play its timeline from the start. */
  showScene(snapshot: SceneSnapshot): void;
  /** Same scene, other numbers (wallet, locks): update the HUD and choices without replaying. */
  update(snapshot: SceneSnapshot): void;
  /** A refusal for the reader: shown over the stage; `action` adds a button (e.g. "Get diamonds"). */
  showNotice(notice: { title: string; message: string; action?: { label: string; run(): void } }): void;
  /** Input is ignored while the shell shows an overlay (reconnecting). */
  setInteractive(interactive: boolean): void;
  destroy(): void;
}

export type CreateStoryPlayer = (options: StoryPlayerOptions) => Promise<StoryPlayer>;
