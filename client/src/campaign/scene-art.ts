import { Application, Assets, FillGradient, Graphics, Sprite, Text, type Texture } from 'pixi.js';

const WIDTH = 640;
const HEIGHT = 200;

/**
 * The scene's art on a PixiJS canvas: the location's picture from the world (cover-fitted, its
 * name over a shade), or — for a world without one, or while it cannot load — a dusk sky and hills
 * tinted by the location. Decorative (aria-hidden): the location is also in the DOM.
 */
export class SceneArt {
  readonly element = document.createElement('div');
  private app: Application | null = null;
  private location = '';
  private name = '';
  private art = '';
  private destroyed = false;

  constructor() {
    this.element.className = 'campaign-scene-art';
    this.element.setAttribute('aria-hidden', 'true');
    const app = new Application();
    app
      .init({ width: WIDTH, height: HEIGHT, backgroundAlpha: 1, background: '#1d1b2f', antialias: true, autoDensity: true, resolution: Math.min(window.devicePixelRatio || 1, 2) })
      .then(() => {
        if (this.destroyed) return app.destroy(true);
        this.app = app;
        app.canvas.style.width = '100%';
        app.canvas.style.height = 'auto';
        this.element.append(app.canvas);
        this.draw();
      })
      .catch(() => this.element.classList.add('is-plain'));
  }

  show(location: string, name: string, art: string): void {
    if (location === this.location && art === this.art) return;
    Object.assign(this, { location, name, art });
    this.draw();
  }

  private draw(): void {
    const { app, location, name, art } = this;
    if (!app) return;
    app.stage.removeChildren().forEach((child) => child.destroy());
    if (!art) return this.drawDusk(app, location, name);
    Assets.load<Texture>(art).then(
      (texture) => {
        // Still this location's (the party may have moved on while it loaded).
        if (this.app === app && this.art === art) this.drawPicture(app, texture, name);
      },
      () => {
        if (this.app === app && this.art === art) this.drawDusk(app, location, name);
      },
    );
  }

  private drawPicture(app: Application, texture: Texture, name: string): void {
    app.stage.removeChildren().forEach((child) => child.destroy());
    const picture = new Sprite(texture);
    // Cover the banner, keeping a little more of the picture's lower middle (where places stand).
    picture.scale.set(Math.max(WIDTH / texture.width, HEIGHT / texture.height));
    picture.position.set((WIDTH - picture.width) / 2, (HEIGHT - picture.height) * 0.6);
    const shadeFill = new FillGradient({ type: 'linear', start: { x: 0, y: 0 }, end: { x: 0, y: 1 }, colorStops: [{ offset: 0, color: 'rgba(0,0,0,0)' }, { offset: 1, color: 'rgba(0,0,0,0.65)' }] });
    const shade = new Graphics().rect(0, HEIGHT * 0.45, WIDTH, HEIGHT * 0.55).fill(shadeFill);
    app.stage.addChild(picture, shade, label(name));
  }

  private drawDusk(app: Application, location: string, name: string): void {
    app.stage.removeChildren().forEach((child) => child.destroy());
    const hue = [...location].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 17);
    const sky = new Graphics();
    for (let i = 0; i < 6; i++) sky.rect(0, (i * HEIGHT) / 6, WIDTH, HEIGHT / 6).fill(hsl(hue, 35, 12 + i * 6));
    const hills = new Graphics();
    hills.moveTo(0, HEIGHT).bezierCurveTo(160, 110, 300, 190, 420, 140).bezierCurveTo(520, 100, 600, 150, WIDTH, 130).lineTo(WIDTH, HEIGHT).closePath().fill(hsl((hue + 40) % 360, 30, 18));
    const moon = new Graphics().circle(540, 48, 22).fill(hsl(hue, 60, 85));
    app.stage.addChild(sky, moon, hills, label(name));
  }

  destroy(): void {
    this.destroyed = true;
    this.app?.destroy(true);
    this.app = null;
  }
}

function label(name: string): Text {
  const text = new Text({ text: name, style: { fill: '#f4efe6', fontSize: 26, fontFamily: 'Georgia, serif', dropShadow: { color: '#000000', alpha: 0.6, blur: 4, distance: 1 } } });
  text.position.set(24, HEIGHT - 46);
  return text;
}

function hsl(h: number, s: number, l: number): number {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return (f(0) << 16) | (f(8) << 8) | f(4);
}
