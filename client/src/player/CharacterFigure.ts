import { Container, Sprite, type Texture } from 'pixi.js';
import type { TweenHandle, Tweens } from './Tweens';
import type { StagePosition } from './stage-layout';

const DIMMED_TINT = 0x8f8a9e;

/** One character on stage: a sprite standing on the bottom edge, cross-fading between moods. */
export class CharacterFigure {
  readonly view = new Container();
  position: StagePosition;
  /** The sprite path currently wanted (set before its texture may have loaded). */
  spritePath = '';
  private sprite: Sprite | undefined;
  private spriteHeight = 0;
  private moodFade: TweenHandle | undefined;
  private motion: TweenHandle | undefined;

  constructor(
    private readonly tweens: Tweens,
    position: StagePosition,
  ) {
    this.position = position;
  }

  setTexture(texture: Texture): void {
    if (this.sprite?.texture === texture) return;
    this.moodFade?.finish();
    const next = new Sprite({ texture, anchor: { x: 0.5, y: 1 } });
    next.tint = this.sprite?.tint ?? 0xffffff;
    this.fit(next);
    const previous = this.sprite;
    this.sprite = next;
    this.view.addChild(next);
    if (previous === undefined) return;
    next.alpha = 0;
    // A quick dissolve reads as a change of expression rather than a new person.
    this.moodFade = this.tweens.start({
      duration: 220,
      step: (p) => (next.alpha = p),
      done: () => previous.destroy(),
    });
  }

  /** Speakers stay bright; the others step back a little, as in mobile story games. */
  setDimmed(dimmed: boolean): void {
    for (const child of this.view.children) if (child instanceof Sprite) child.tint = dimmed ? DIMMED_TINT : 0xffffff;
  }

  resize(spriteHeight: number): void {
    this.spriteHeight = spriteHeight;
    for (const child of this.view.children) if (child instanceof Sprite) this.fit(child);
  }

  /** Fades/slides in from `fromX` to `x`. */
  enter(fromX: number, x: number, baseline: number): void {
    this.motion?.cancel();
    this.view.position.set(fromX, baseline);
    this.view.alpha = 0;
    this.motion = this.tweens.start({
      duration: 420,
      step: (p) => {
        this.view.alpha = p;
        this.view.x = fromX + (x - fromX) * p;
      },
    });
  }

  moveTo(x: number, baseline: number): void {
    this.motion?.finish();
    const fromX = this.view.x;
    this.view.y = baseline;
    this.motion = this.tweens.start({ duration: 380, step: (p) => (this.view.x = fromX + (x - fromX) * p) });
  }

  /** Snaps to place without animation (resize). */
  place(x: number, baseline: number): void {
    this.motion?.finish();
    this.view.position.set(x, baseline);
  }

  leave(toX: number, removed: () => void): void {
    this.motion?.cancel();
    const fromX = this.view.x;
    const fromAlpha = this.view.alpha;
    this.motion = this.tweens.start({
      duration: 320,
      step: (p) => {
        this.view.alpha = fromAlpha * (1 - p);
        this.view.x = fromX + (toX - fromX) * p;
      },
      done: () => {
        removed();
        this.destroy();
      },
    });
  }

  destroy(): void {
    this.motion?.cancel();
    this.moodFade?.cancel();
    this.view.destroy({ children: true });
  }

  private fit(sprite: Sprite): void {
    const textureHeight = sprite.texture.height;
    if (textureHeight > 0 && this.spriteHeight > 0) sprite.scale.set(this.spriteHeight / textureHeight);
  }
}
