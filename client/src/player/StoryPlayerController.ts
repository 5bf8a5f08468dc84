import type { Application } from 'pixi.js';
import type { AnyChapterBundle } from '../../../content-pipeline';
import { AccessibleLine } from './AccessibleLine';
import { resolveAssetUrl } from './asset-url';
import { AssetLibrary } from './AssetLibrary';
import { BackgroundLayer } from './BackgroundLayer';
import { listChapterAssets } from './chapter-assets';
import { CharacterLayer, isStagePosition } from './CharacterLayer';
import { ChoiceOverlay } from './ChoiceOverlay';
import { ClickSound } from './ClickSound';
import { parseHexColor } from './color';
import { DialogueBox } from './DialogueBox';
import { element } from './dom';
import { Hud } from './Hud';
import { MusicPlayer } from './MusicPlayer';
import { MuteSetting } from './MuteSetting';
import { NoticeCard, type Notice } from './NoticeCard';
import type { SceneSnapshot, StoryPlayer, StoryPlayerOptions, TimelineLine } from './player-contract';
import { ReadingComforts } from './ReadingComforts';
import { ReadingLog } from './ReadingLog';
import { relationshipMeters } from './relationship-meters';
import { SceneReader } from './SceneReader';
import { computeStageLayout } from './stage-layout';
import { StageInput } from './StageInput';
import { Tweens } from './Tweens';

const NAME_FALLBACK_COLOR = 0xe8b04a;

/**
 * One chapter's player: wires the Pixi stage (background, characters, dialogue box) and the DOM
 * overlay (HUD, accessible line, choices, notices) to the scene reader, and reports the reader's
 * moves to the shell. The shell makes a new one per chapter.
 */
export class StoryPlayerController implements StoryPlayer {
  private readonly tweens: Tweens;
  private readonly library: AssetLibrary;
  private readonly background: BackgroundLayer;
  private readonly characters: CharacterLayer;
  private readonly box: DialogueBox;
  private readonly overlay = element('div', 'sv-overlay');
  private readonly hud: Hud;
  private readonly line: AccessibleLine;
  private readonly choices: ChoiceOverlay;
  private readonly notice: NoticeCard;
  private readonly mute = new MuteSetting();
  private readonly music: MusicPlayer;
  private readonly click = new ClickSound();
  private readonly input: StageInput;
  private readonly reader: SceneReader;
  private readonly resizeObserver: ResizeObserver;
  private readonly log: ReadingLog;
  private readonly comforts: ReadingComforts;
  private snapshot: SceneSnapshot | undefined;
  private interactive = true;
  private destroyed = false;
  /** Keyboard/screen-reader focus was in the player when a scene ended: bring it back to Continue. */
  private refocusContinue = false;

  constructor(
    private readonly options: StoryPlayerOptions,
    private readonly root: HTMLElement,
    private readonly app: Application,
  ) {
    const canvas = app.canvas;
    canvas.classList.add('sv-player__canvas');
    canvas.setAttribute('aria-hidden', 'true');
    root.prepend(canvas);

    this.tweens = new Tweens(app.ticker, options.reducedMotion);
    const assetUrl = options.assetUrl ?? ((path: string) => resolveAssetUrl(options.assetBase, path));
    this.library = new AssetLibrary(assetUrl, Math.min(2, Math.max(1.5, window.devicePixelRatio * 1.25)));
    this.background = new BackgroundLayer(this.tweens);
    this.characters = new CharacterLayer(this.tweens, this.library, options.bundle.characters);
    this.box = new DialogueBox(app.ticker, options.reducedMotion, () => {
      this.reader.lineRevealed();
      this.comforts.scheduleAuto();
    });
    this.log = new ReadingLog(options.bundle.storyId);
    this.comforts = new ReadingComforts(
      {
        lineText: () => (this.reader.lineIndex >= 0 ? (this.snapshot?.timeline[this.reader.lineIndex]?.text ?? '') : ''),
        lineWaiting: () => this.reader.phase === 'shown',
        goOn: () => this.goOn(),
        // Not covered by the shell (chapter end, loading, reconnecting) or a notice.
        mayPause: () => this.interactive && !this.notice.open && this.root.closest('[inert]') === null,
        focusContinue: () => this.line.focusContinue(),
        setCharsPerSecond: (speed) => this.box.setCharsPerSecond(speed),
        relationships: () => relationshipMeters(this.options.bundle, this.snapshot?.relationships ?? {}),
        onLibrary: options.onLibrary,
      },
      this.log,
    );
    app.stage.addChild(this.background.view, this.characters.view, this.box.view);

    this.music = new MusicPlayer(this.mute.muted);
    this.hud = new Hud({
      storyTitle: options.storyTitle,
      muted: this.mute.muted,
      onToggleMute: () => this.toggleMute(),
      onOpenStore: options.onOpenStore && (() => options.onOpenStore?.()),
      onHistory: () => this.comforts.openHistory(),
      onMenu: () => this.comforts.openMenu(),
    });
    this.line = new AccessibleLine(() => this.goOn());
    this.choices = new ChoiceOverlay({
      choose: (choiceId) => this.options.onChoose(choiceId),
      canAct: () => this.interactive && !this.notice.open,
    });
    this.notice = new NoticeCard(() => this.comforts.scheduleAuto());
    this.overlay.append(this.hud.root, this.line.root, this.choices.root, this.notice.root, this.comforts.menu.root, this.comforts.history.root);
    root.append(this.overlay);

    this.reader = new SceneReader({
      stageStep: (step) => this.applyStageStep(step),
      presentLine: (step) => this.presentLine(step),
      revealLine: () => this.box.revealAll(),
      advance: () => this.endScene(() => this.options.onAdvance()),
      showChoices: () => this.endScene(() => this.presentChoices(), true),
      chapterEnd: () => this.endScene(() => this.reportChapterEnd(), true),
    });
    this.input = new StageInput(canvas, () => this.goOn());

    app.renderer.on('resize', (width: number, height: number) => this.relayout(width, height));
    // The shell may resize the host without the window resizing (Pixi only watches the window).
    this.resizeObserver = new ResizeObserver(() => this.app.queueResize());
    this.resizeObserver.observe(root);
    this.relayout(app.screen.width, app.screen.height);
  }

  async preload(onProgress: (fraction: number) => void): Promise<void> {
    await this.library.preload(listChapterAssets(this.options.bundle), (fraction) => {
      if (!this.destroyed) onProgress(fraction);
    });
  }

  showScene(snapshot: SceneSnapshot): void {
    if (this.destroyed) return;
    const focusWasInPlayer = this.refocusContinue || this.choices.containsFocus();
    this.refocusContinue = false;
    this.snapshot = snapshot;
    this.choices.hide();
    this.hud.update(snapshot);
    this.showBackground(snapshot.background);
    if (snapshot.music !== '') this.music.play(this.library.url(snapshot.music));
    this.box.hide();
    this.line.clear();
    this.line.setContinueAvailable(false);
    this.comforts.stopAuto();
    // The server keeps the scene; this device keeps the line within this visit of it.
    const from = this.log.beginVisit(snapshot.chapterId, snapshot.sceneId, snapshot.step, isChapterStart(this.options.bundle, snapshot.sceneId));
    this.reader.start(snapshot.timeline, snapshot.status, from);
    if (focusWasInPlayer) this.line.focusContinue();
  }

  update(snapshot: SceneSnapshot): void {
    if (this.destroyed) return;
    this.snapshot = snapshot;
    this.log.stepMoved(snapshot.chapterId, snapshot.sceneId, snapshot.step);
    this.hud.update(snapshot);
    this.reader.setStatus(snapshot.status);
    this.choices.update(snapshot.choices, snapshot.diamonds);
  }

  showNotice(notice: Notice): void {
    if (this.destroyed) return;
    // A refusal answers the last choose/advance: let the reader try again after reading it.
    this.choices.release();
    this.reader.allowRetry();
    if (this.reader.phase === 'shown') this.line.setContinueAvailable(true);
    this.notice.show(notice);
  }

  setInteractive(interactive: boolean): void {
    this.interactive = interactive;
    this.root.classList.toggle('sv-player--inactive', !interactive);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.comforts.destroy();
    this.input.destroy();
    this.resizeObserver.disconnect();
    this.hud.destroy();
    this.music.destroy();
    this.click.destroy();
    this.tweens.destroy();
    this.box.destroy();
    this.characters.destroy();
    this.background.destroy();
    // Textures stay in Pixi's Assets cache: the next chapter's player reuses them.
    this.app.destroy({ removeView: true }, { children: true });
    this.root.remove();
  }

  /** A tap, Space/Enter or the Continue button. */
  private goOn(): void {
    if (!this.interactive || this.notice.open || this.destroyed || this.comforts.dialogOpen) return;
    this.comforts.stopAuto();
    this.music.resume();
    const advancing = this.reader.phase === 'shown';
    if (this.reader.continue() && advancing && !this.mute.muted) this.click.play();
  }

  private applyStageStep(step: TimelineLine): void {
    if (step.kind === 'show') this.characters.show(step.character, step.mood, isStagePosition(step.position) ? step.position : undefined);
    else if (step.kind === 'hide') this.characters.hide(step.character);
  }

  private presentLine(step: TimelineLine): boolean {
    const snapshot = this.snapshot;
    const index = this.reader.lineIndex;
    let speaker = '';
    const skipping = this.comforts.lineStarts(snapshot !== undefined && this.log.wasRead(snapshot.chapterId, snapshot.sceneId, index));
    if (step.kind === 'narration') {
      this.characters.spotlight(undefined);
      this.box.present({ text: step.text });
      this.line.announce(undefined, step.text);
    } else {
      const character = this.options.bundle.characters[step.character];
      const name = character?.displayName || step.character;
      // A speaker nobody showed steps in by themselves; a mood on the line changes their face.
      if (this.characters.has(step.character)) {
        if (step.mood) this.characters.setMood(step.character, step.mood);
      } else {
        this.characters.showSpeaker(step.character, step.mood);
      }
      this.characters.spotlight(step.character);
      this.box.present({ speaker: { name, color: parseHexColor(character?.color, NAME_FALLBACK_COLOR) }, text: step.text });
      this.line.announce(name, step.text);
      speaker = name;
    }
    if (snapshot) this.log.lineShown(snapshot.chapterId, snapshot.sceneId, index, { speaker, text: step.text });
    if (skipping) this.box.revealAll();
    this.line.setContinueAvailable(true);
    if (this.box.revealed) this.comforts.scheduleAuto();
    return this.box.revealed;
  }

  /** The scene's last line is read: hand over to the choices or the shell. */
  private endScene(next: () => void, readThrough = false): void {
    this.comforts.stopAuto();
    if (readThrough) this.log.reachedEnd(this.snapshot?.timeline.length ?? 0);
    this.refocusContinue = this.overlay.contains(document.activeElement);
    this.line.setContinueAvailable(false);
    next();
  }

  private presentChoices(): void {
    const snapshot = this.snapshot;
    if (snapshot === undefined) return;
    this.box.hide();
    this.characters.spotlight(undefined);
    this.choices.show(snapshot.prompt, snapshot.choices, snapshot.diamonds);
  }

  private reportChapterEnd(): void {
    // The latest numbers (update() may have come since showScene) go to the chapter-end screen.
    if (this.snapshot !== undefined) this.options.onChapterEnd(this.snapshot);
  }

  private showBackground(path: string): void {
    // A scene without a background keeps the previous one, as it would on a real stage.
    if (path === '') return;
    const ready = this.library.texture(path);
    if (ready !== undefined) {
      this.background.show(ready);
      return;
    }
    void this.library.load(path).then((texture) => {
      if (!this.destroyed && texture !== undefined && this.snapshot?.background === path) this.background.show(texture);
    });
  }

  private toggleMute(): void {
    this.mute.set(!this.mute.muted);
    this.hud.setMuted(this.mute.muted);
    this.music.setMuted(this.mute.muted);
  }

  private relayout(width: number, height: number): void {
    if (this.destroyed || width === 0 || height === 0) return;
    const layout = computeStageLayout(width, height);
    this.background.resize(width, height);
    this.characters.relayout(layout);
    this.box.relayout(layout);
    // The DOM overlay lines up with the canvas box (Continue button, choices above it).
    this.overlay.style.setProperty('--sv-box-bottom', `${height - layout.box.bottom}px`);
    this.overlay.style.setProperty('--sv-box-inset', `${layout.box.x}px`);
    this.overlay.style.setProperty('--sv-font-size', `${layout.fontSize}px`);
  }
}

/** Whether the scene opens its chapter (an ink chapter's passages have no fixed start: the history then runs on). */
function isChapterStart(bundle: AnyChapterBundle, sceneId: string): boolean {
  return 'startSceneId' in bundle && sceneId === bundle.startSceneId;
}
