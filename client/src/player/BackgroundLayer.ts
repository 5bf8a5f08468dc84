import { Container, FillGradient, Graphics, Sprite, type Texture } from 'pixi.js';
import { easeInOutSine } from './easing';
import type { TweenHandle, Tweens } from './Tweens';

/** The full-screen scene picture, `cover`-fitted, dissolving into the next scene's. */
export class BackgroundLayer {
  readonly view = new Container();
  /** Seen only while a picture loads or when one is missing: a warm dusk rather than flat black. */
  private readonly backdrop = new Graphics();
  private readonly backdropFill = new FillGradient({
    type: 'linear',
    start: { x: 0, y: 0 },
    end: { x: 0, y: 1 },
    colorStops: [
      { offset: 0, color: '#2a1f36' },
      { offset: 1, color: '#0e0b14' },
    ],
    textureSpace: 'local',
  });
  private current: Sprite | undefined;
  private fade: TweenHandle | undefined;
  private width = 0;
  private height = 0;

  constructor(private readonly tweens: Tweens) {
    this.view.addChild(this.backdrop);
  }

  show(texture: Texture | undefined): void {
    if (texture !== undefined && this.current?.texture === texture) return;
    this.fade?.finish();
    const previous = this.current;
    if (texture === undefined) {
      this.current = undefined;
      if (previous) this.fadeOut(previous);
      return;
    }
    const next = new Sprite({ texture, anchor: 0.5 });
    this.cover(next);
    next.alpha = previous ? 0 : 1;
    this.view.addChild(next);
    this.current = next;
    if (previous === undefined) return;
    this.fade = this.tweens.start({
      duration: 700,
      easing: easeInOutSine,
      step: (p) => (next.alpha = p),
      done: () => previous.destroy(),
    });
  }

  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.backdrop.clear().rect(0, 0, width, height).fill(this.backdropFill);
    for (const child of this.view.children) if (child instanceof Sprite) this.cover(child);
  }

  destroy(): void {
    this.fade?.cancel();
    this.view.destroy({ children: true });
    this.backdropFill.destroy();
  }

  private fadeOut(sprite: Sprite): void {
    this.fade = this.tweens.start({ duration: 500, step: (p) => (sprite.alpha = 1 - p), done: () => sprite.destroy() });
  }

  /** Fills the stage keeping the aspect ratio; the overflow is cropped evenly on both sides. */
  private cover(sprite: Sprite): void {
    const { width, height } = sprite.texture;
    if (width === 0 || height === 0) return;
    sprite.scale.set(Math.max(this.width / width, this.height / height));
    sprite.position.set(this.width / 2, this.height / 2);
  }
}
