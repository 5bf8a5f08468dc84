import { Container } from 'pixi.js';
import type { AssetLibrary } from './AssetLibrary';
import { hasSprites, spritePathFor, type CharacterDef } from './character-art';
import { CharacterFigure } from './CharacterFigure';
import type { StageLayout, StagePosition } from './stage-layout';
import type { Tweens } from './Tweens';

const POSITIONS: readonly StagePosition[] = ['left', 'center', 'right'];

export function isStagePosition(value: string): value is StagePosition {
  return (POSITIONS as readonly string[]).includes(value);
}

/**
 * Who stands on stage and where. It outlives scenes: characters stay until a `hide` step, exactly
 * as the story's timeline leaves them.
 */
export class CharacterLayer {
  readonly view = new Container();
  private readonly figures = new Map<string, CharacterFigure>();
  private layout: StageLayout | undefined;

  constructor(
    private readonly tweens: Tweens,
    private readonly library: AssetLibrary,
    private readonly characters: Record<string, CharacterDef>,
  ) {}

  has(name: string): boolean {
    return this.figures.has(name);
  }

  /** A `show` step: enter, or change mood/place when already on stage. Characters without art are skipped. */
  show(name: string, mood: string, position: StagePosition | undefined): void {
    const existing = this.figures.get(name);
    if (existing !== undefined) {
      if (mood) this.setMood(name, mood);
      if (position !== undefined && position !== existing.position) {
        existing.position = position;
        if (this.layout) existing.moveTo(this.layout.slotX[position], this.layout.height);
      }
      return;
    }
    const character = this.characters[name];
    if (!hasSprites(character)) return;
    const figure = new CharacterFigure(this.tweens, position ?? 'center');
    this.figures.set(name, figure);
    this.view.addChild(figure.view);
    this.applySprite(figure, name, spritePathFor(character, mood));
    if (this.layout) {
      figure.resize(this.layout.spriteHeight);
      const x = this.layout.slotX[figure.position];
      figure.enter(x + this.slideOffset(figure.position), x, this.layout.height);
    }
  }

  /** A speaker who was never shown walks on by themselves: centre if free, else any free place. */
  showSpeaker(name: string, mood: string): void {
    if (this.figures.has(name)) return;
    const taken = new Set([...this.figures.values()].map((figure) => figure.position));
    const free = (['center', 'left', 'right'] as const).find((position) => !taken.has(position)) ?? 'center';
    this.show(name, mood, free);
  }

  hide(name: string): void {
    const figure = this.figures.get(name);
    if (figure === undefined) return;
    this.figures.delete(name);
    const x = this.layout?.slotX[figure.position] ?? figure.view.x;
    figure.leave(x + this.slideOffset(figure.position), () => undefined);
  }

  setMood(name: string, mood: string): void {
    const figure = this.figures.get(name);
    if (figure !== undefined) this.applySprite(figure, name, spritePathFor(this.characters[name], mood));
  }

  /** Highlights the speaker; narration (`undefined`) lights everyone. */
  spotlight(speaker: string | undefined): void {
    for (const [name, figure] of this.figures) figure.setDimmed(speaker !== undefined && name !== speaker && this.figures.has(speaker));
  }

  relayout(layout: StageLayout): void {
    this.layout = layout;
    for (const figure of this.figures.values()) {
      figure.resize(layout.spriteHeight);
      figure.place(layout.slotX[figure.position], layout.height);
    }
  }

  destroy(): void {
    for (const figure of this.figures.values()) figure.destroy();
    this.figures.clear();
    this.view.destroy({ children: true });
  }

  private slideOffset(position: StagePosition): number {
    const distance = (this.layout?.width ?? 400) * 0.06;
    return position === 'left' ? -distance : position === 'right' ? distance : 0;
  }

  private applySprite(figure: CharacterFigure, name: string, path: string | undefined): void {
    if (path === undefined || path === figure.spritePath) return;
    figure.spritePath = path;
    const ready = this.library.texture(path);
    if (ready !== undefined) {
      figure.setTexture(ready);
      return;
    }
    // Not preloaded (or still loading): show it when it arrives, unless the mood moved on.
    void this.library.load(path).then((texture) => {
      if (figure.spritePath !== path || figure.view.destroyed) return;
      if (texture !== undefined) figure.setTexture(texture);
      // A mood whose picture failed falls back to the usual face rather than to nobody.
      else if (path !== spritePathFor(this.characters[name], undefined)) this.applySprite(figure, name, spritePathFor(this.characters[name], undefined));
    });
  }
}
