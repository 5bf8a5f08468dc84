import type { AnyChapterBundle as ChapterBundle } from '../../../content-pipeline';
import { createStoryPlayer } from '../player';
import type { SceneSnapshot, StoryPlayer, StoryPlayerOptions } from '../player/player-contract';
import { loadChapterBundle } from './bundle-cache';
import type { Standing } from './chapter-changes';
import type { Notice } from './refusal-notice';

type ReaderCallbacks = Pick<StoryPlayerOptions, 'onAdvance' | 'onChoose' | 'onChapterEnd' | 'onOpenStore' | 'onLibrary'>;

/**
 * Where a chapter's bundle and art come from: by default the bundle's immutable URL from the room and
 * the story's public asset route; a writer's preview draws both from the studio instead.
 */
export interface ChapterSource {
  bundle(bundleUrl: string, chapterId: string): Promise<ChapterBundle>;
  assetUrl?(path: string): string;
}

const PUBLISHED: ChapterSource = { bundle: (bundleUrl) => loadChapterBundle(bundleUrl) };

export interface SceneDirectorOptions extends ReaderCallbacks {
  host: HTMLElement;
  storyId: string;
  /** Default: the published chapter (its bundle URL, the story's asset route). */
  source?: ChapterSource;
  storyTitle: Promise<string>;
  /** A chapter's player is being made: show progress (0..1) through the returned function. */
  onLoading(chapterNumber: number): (fraction: number) => void;
  onReady(): void;
  onFailed(retry: () => void): void;
  /** A new scene started (so a chapter-end card of the previous one can go). */
  onNewScene(): void;
}

/**
 * Turns room snapshots into player calls: one player per chapter (bundle fetched from its
 * immutable URL, assets preloaded), `showScene` when the scene changes, `update` otherwise.
 */
export class SceneDirector {
  private player: StoryPlayer | null = null;
  private chapterId = '';
  private shownScene = '';
  private latest: { snapshot: SceneSnapshot; bundleUrl: string } | null = null;
  private preparing = false;
  private interactive = true;
  private destroyed = false;
  /** The chapter bundle the player was made from. */
  bundle: ChapterBundle | null = null;
  /** Flags and relationships when this session saw the chapter begin (null: resumed mid-chapter). */
  chapterStart: Standing | null = null;

  constructor(private readonly options: SceneDirectorOptions) {}

  present(snapshot: SceneSnapshot, bundleUrl: string): void {
    this.latest = { snapshot, bundleUrl };
    this.render();
  }

  /** False when there is no player yet to show it. */
  showNotice(notice: Notice): boolean {
    this.player?.showNotice(notice);
    return this.player !== null;
  }

  setInteractive(interactive: boolean): void {
    this.interactive = interactive;
    this.player?.setInteractive(interactive);
  }

  get hasPlayer(): boolean {
    return this.player !== null;
  }

  destroy(): void {
    this.destroyed = true;
    this.player?.destroy();
    this.player = null;
  }

  private render(): void {
    if (!this.latest || this.preparing || this.destroyed) return;
    const { snapshot, bundleUrl } = this.latest;
    if (snapshot.status === 'locked' || !snapshot.chapterId) return;
    if (!this.player || snapshot.chapterId !== this.chapterId) {
      void this.prepare(snapshot, bundleUrl);
      return;
    }
    const scene = `${snapshot.chapterId}/${snapshot.sceneId}`;
    if (scene === this.shownScene) return this.player.update(snapshot);
    this.shownScene = scene;
    this.options.onNewScene();
    this.player.showScene(snapshot);
  }

  private async prepare(snapshot: SceneSnapshot, bundleUrl: string): Promise<void> {
    this.preparing = true;
    const progress = this.options.onLoading(snapshot.chapterNumber);
    try {
      const source = this.options.source ?? PUBLISHED;
      const [bundle, storyTitle] = await Promise.all([source.bundle(bundleUrl, snapshot.chapterId), this.options.storyTitle]);
      if (this.destroyed) return;
      this.player?.destroy();
      this.player = null;
      this.options.host.replaceChildren();
      const { onAdvance, onChoose, onChapterEnd, onOpenStore, onLibrary } = this.options;
      const player = await createStoryPlayer({
        host: this.options.host,
        bundle,
        assetBase: `/v1/stories/${encodeURIComponent(this.options.storyId)}/assets/`,
        assetUrl: source.assetUrl?.bind(source),
        storyTitle,
        reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
        onAdvance,
        onChoose,
        onChapterEnd,
        onOpenStore,
        onLibrary,
      });
      if (this.destroyed) return player.destroy();
      await player.preload(progress);
      if (this.destroyed) return player.destroy();
      const current = this.latest?.snapshot ?? snapshot;
      this.player = player;
      this.bundle = bundle;
      this.chapterId = bundle.id;
      this.shownScene = '';
      this.chapterStart = current.chapterId === bundle.id && bundle.format !== 'ink' && current.sceneId === bundle.startSceneId ? standingOf(current) : null;
      player.setInteractive(this.interactive);
      this.preparing = false;
      this.options.onReady();
      this.render();
    } catch (error) {
      if (this.destroyed) return;
      console.warn('The chapter could not be loaded', error);
      this.options.onFailed(() => {
        this.preparing = false;
        this.render();
      });
    }
  }
}

export function standingOf(snapshot: SceneSnapshot): Standing {
  return { flags: { ...snapshot.flags }, relationships: { ...snapshot.relationships } };
}
