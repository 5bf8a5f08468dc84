import { CanvasTextMetrics, Container, FillGradient, Graphics, Text, TextStyle, type Ticker } from 'pixi.js';
import { STORY_FONT } from './fonts';
import type { StageLayout } from './stage-layout';
import { Typewriter } from './Typewriter';

export interface BoxLine {
  /** Absent for narration: no name plate, italic text. */
  speaker?: { name: string; color: number };
  text: string;
}

const CHARS_PER_SECOND = 52;
const TEXT_COLOR = 0xf7efe4;
const NARRATION_COLOR = 0xeadcc4;
const ACCENT = 0xe8b04a;

/**
 * The dialogue box at the bottom of the stage: a name plate in the speaker's colour and the line,
 * typed out letter by letter (or shown whole with reduced motion), then a bobbing "▼".
 */
export class DialogueBox {
  readonly view = new Container();
  private readonly panel = new Graphics();
  private readonly namePlate = new Container();
  private readonly namePill = new Graphics();
  private readonly nameText: Text;
  private readonly body: Text;
  private readonly indicator: Text;
  private readonly fill = new FillGradient({
    type: 'linear',
    start: { x: 0, y: 0 },
    end: { x: 0, y: 1 },
    colorStops: [
      { offset: 0, color: 'rgba(44, 33, 52, 0.94)' },
      { offset: 1, color: 'rgba(22, 17, 28, 0.96)' },
    ],
    textureSpace: 'local',
  });
  private line: BoxLine | undefined;
  /** The line with the box's line breaks already in it, so words never jump while typing. */
  private wrapped = '';
  private typewriter: Typewriter | undefined;
  private layout: StageLayout | undefined;
  private clock = 0;
  /** The reader's text speed (Settings); Infinity shows each line whole. */
  private charsPerSecond = CHARS_PER_SECOND;
  private readonly tick = (ticker: Ticker): void => this.onTick(ticker.deltaMS);

  constructor(
    private readonly ticker: Ticker,
    private readonly reducedMotion: boolean,
    /** Called once per line, when its last character is visible. */
    private readonly onRevealed: () => void,
  ) {
    this.nameText = new Text({ text: '', style: { fontFamily: STORY_FONT, fontWeight: '800', letterSpacing: 1.2, fill: ACCENT } });
    this.body = new Text({ text: '', style: { fontFamily: STORY_FONT, fill: TEXT_COLOR, wordWrap: true } });
    this.indicator = new Text({ text: '▼', style: { fontFamily: STORY_FONT, fill: ACCENT } });
    this.namePlate.addChild(this.namePill, this.nameText);
    this.view.addChild(this.panel, this.body, this.indicator, this.namePlate);
    this.view.visible = false;
    ticker.add(this.tick);
  }

  get revealed(): boolean {
    return this.typewriter?.done ?? true;
  }

  present(line: BoxLine): void {
    this.line = line;
    this.view.visible = true;
    this.view.alpha = 1;
    this.typewriter = undefined;
    this.render();
    // Reduced motion: the line appears whole, as if already typed.
    this.typewriter = new Typewriter(this.wrapped.length, this.charsPerSecond);
    if (this.reducedMotion || !Number.isFinite(this.charsPerSecond)) this.typewriter.finish();
    this.showVisible();
  }

  /** Applies from the next line on. */
  setCharsPerSecond(charsPerSecond: number): void {
    this.charsPerSecond = charsPerSecond;
  }

  revealAll(): void {
    this.typewriter?.finish();
    this.showVisible();
  }

  hide(): void {
    this.view.visible = false;
    this.line = undefined;
    this.typewriter = undefined;
  }

  relayout(layout: StageLayout): void {
    this.layout = layout;
    if (this.line !== undefined) {
      this.render();
      this.showVisible();
    }
  }

  destroy(): void {
    this.ticker.remove(this.tick);
    this.view.destroy({ children: true });
    this.fill.destroy();
  }

  private render(): void {
    const { line, layout } = this;
    if (line === undefined || layout === undefined) return;
    const { box } = layout;
    const narration = line.speaker === undefined;
    const style = this.body.style;
    style.fontSize = layout.fontSize;
    style.lineHeight = layout.lineHeight;
    style.fontStyle = narration ? 'italic' : 'normal';
    style.fill = narration ? NARRATION_COLOR : TEXT_COLOR;
    style.wordWrapWidth = box.width - box.paddingX * 2;
    this.wrapped = CanvasTextMetrics.measureText(line.text, new TextStyle(style), undefined, true).lines.join('\n');
    const lines = this.wrapped.split('\n').length;
    const height = Math.max(box.minHeight, box.paddingTop + lines * layout.lineHeight + box.paddingBottom);
    const top = box.bottom - height;
    const radius = Math.round(layout.fontSize * 0.9);

    this.panel.clear();
    this.panel
      .roundRect(box.x, top + 6, box.width, height, radius)
      .fill({ color: 0x000000, alpha: 0.28 })
      .roundRect(box.x, top, box.width, height, radius)
      .fill(this.fill)
      .stroke({ color: line.speaker?.color ?? ACCENT, alpha: narration ? 0.28 : 0.55, width: 2, alignment: 1 });

    this.body.position.set(box.x + box.paddingX, top + box.paddingTop);

    this.indicator.style.fontSize = Math.round(layout.fontSize * 0.7);
    this.indicator.anchor.set(1, 1);
    this.indicator.position.set(box.x + box.width - box.paddingX * 0.8, box.bottom - box.paddingBottom * 0.35);

    this.namePlate.visible = !narration;
    if (line.speaker !== undefined) this.renderNamePlate(line.speaker, layout, box.x + box.paddingX * 0.7, top);
    // A new wrap width may change the length by a few line breaks; keep the reader's progress.
    this.typewriter?.resize(this.wrapped.length);
  }

  private renderNamePlate(speaker: { name: string; color: number }, layout: StageLayout, x: number, boxTop: number): void {
    this.nameText.text = speaker.name.toUpperCase();
    this.nameText.style.fontSize = layout.nameFontSize;
    this.nameText.style.fill = speaker.color;
    const padX = Math.round(layout.nameFontSize * 0.85);
    const padY = Math.round(layout.nameFontSize * 0.4);
    const width = this.nameText.width + padX * 2;
    const height = this.nameText.height + padY * 2;
    this.namePill.clear();
    this.namePill
      .roundRect(0, 0, width, height, height / 2)
      .fill({ color: 0x140f19, alpha: 0.97 })
      .stroke({ color: speaker.color, width: 2, alignment: 1 });
    this.nameText.position.set(padX, padY);
    this.namePlate.position.set(x, boxTop - height / 2);
  }

  private showVisible(): void {
    const count = this.typewriter?.visible ?? this.wrapped.length;
    this.body.text = this.wrapped.slice(0, count);
    this.indicator.visible = this.revealed;
  }

  private onTick(deltaMs: number): void {
    if (!this.view.visible || this.typewriter === undefined) return;
    this.clock += deltaMs;
    if (!this.typewriter.done) {
      const before = this.typewriter.visible;
      const after = this.typewriter.advance(deltaMs);
      if (after !== before) this.showVisible();
      if (this.typewriter.done) this.onRevealed();
    } else if (!this.reducedMotion && this.layout !== undefined) {
      // A gentle bob says "tap to go on" without drawing the eye from the text.
      const base = this.layout.box.bottom - this.layout.box.paddingBottom * 0.35;
      this.indicator.y = base - Math.abs(Math.sin(this.clock / 320)) * 4;
    }
  }
}
