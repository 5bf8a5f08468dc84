import { Application, Graphics, Text } from 'pixi.js';

/**
 * The scene's art on a PixiJS canvas: a dusk sky and hills tinted by the location, with its name.
 * Decorative (aria-hidden): the location is also in the DOM.
 */
export class SceneArt {
  readonly element = document.createElement('div');
  private app: Application | null = null;
  private location = '';
  private destroyed = false;

  constructor() {
    this.element.className = 'campaign-scene-art';
    this.element.setAttribute('aria-hidden', 'true');
    const app = new Application();
    app
      .init({ width: 640, height: 180, backgroundAlpha: 1, background: '#1d1b2f', antialias: true, autoDensity: true, resolution: Math.min(window.devicePixelRatio || 1, 2) })
      .then(() => {
        if (this.destroyed) return app.destroy(true);
        this.app = app;
        app.canvas.style.width = '100%';
        app.canvas.style.height = 'auto';
        this.element.append(app.canvas);
        this.draw(this.location, '');
      })
      .catch(() => this.element.classList.add('is-plain'));
  }

  show(location: string, name: string): void {
    if (location === this.location) return;
    this.location = location;
    this.draw(location, name);
  }

  private draw(location: string, name: string): void {
    const app = this.app;
    if (!app) return;
    app.stage.removeChildren().forEach((child) => child.destroy());
    const hue = [...location].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 17);
    const sky = new Graphics();
    for (let i = 0; i < 6; i++) sky.rect(0, i * 30, 640, 30).fill(hsl(hue, 35, 12 + i * 6));
    const hills = new Graphics();
    hills.moveTo(0, 180).bezierCurveTo(160, 90, 300, 170, 420, 120).bezierCurveTo(520, 80, 600, 130, 640, 110).lineTo(640, 180).closePath().fill(hsl((hue + 40) % 360, 30, 18));
    const moon = new Graphics().circle(540, 48, 22).fill(hsl(hue, 60, 85));
    const label = new Text({ text: name, style: { fill: '#f4efe6', fontSize: 26, fontFamily: 'Georgia, serif' } });
    label.position.set(24, 130);
    app.stage.addChild(sky, moon, hills, label);
  }

  destroy(): void {
    this.destroyed = true;
    this.app?.destroy(true);
    this.app = null;
  }
}

function hsl(h: number, s: number, l: number): number {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return (f(0) << 16) | (f(8) << 8) | f(4);
}
