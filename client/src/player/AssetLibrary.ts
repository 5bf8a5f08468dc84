import { Assets, type Texture, type UnresolvedAsset } from 'pixi.js';
import type { ChapterAssets } from './chapter-assets';

// Pixi picks a parser from the extension; anything else is tried as a plain image.
const KNOWN_IMAGE = /\.(svg|png|jpe?g|webp|avif)(?:[?#].*)?$/i;

/**
 * The chapter's textures. Loading goes through Pixi's shared `Assets` cache, so a new player for
 * the next chapter of the same story reuses what is already decoded. A missing file only costs
 * that picture: the stage shows without it.
 */
export class AssetLibrary {
  private readonly pending = new Map<string, Promise<Texture | undefined>>();
  private readonly ready = new Map<string, Texture>();

  constructor(
    /** Where a story-relative asset path is fetched from. */
    private readonly resolve: (path: string) => string,
    /** SVG art is rasterised once; above 1 keeps it sharp when `cover` scales it up. */
    private readonly resolution: number,
  ) {}

  url(path: string): string {
    return this.resolve(path);
  }

  /** The texture if it has finished loading (the usual case after `preload`). */
  texture(path: string): Texture | undefined {
    return this.ready.get(path);
  }

  load(path: string): Promise<Texture | undefined> {
    let promise = this.pending.get(path);
    if (promise === undefined) {
      promise = this.loadTexture(path);
      this.pending.set(path, promise);
    }
    return promise;
  }

  async preload(assets: ChapterAssets, onProgress: (fraction: number) => void): Promise<void> {
    const jobs = [...assets.images.map((path) => () => this.load(path)), ...assets.music.map((path) => () => this.warmAudio(path))];
    let done = 0;
    onProgress(0);
    await Promise.all(
      jobs.map(async (job) => {
        await job();
        done += 1;
        onProgress(done / jobs.length);
      }),
    );
    if (jobs.length === 0) onProgress(1);
  }

  private async loadTexture(path: string): Promise<Texture | undefined> {
    const url = this.url(path);
    const asset: UnresolvedAsset = { alias: url, src: url, data: { resolution: this.resolution } };
    if (!KNOWN_IMAGE.test(url)) asset.parser = 'texture';
    try {
      const texture = (await Assets.load<Texture>(asset)) as Texture | null | undefined;
      if (!texture) throw new Error('no texture');
      this.ready.set(path, texture);
      return texture;
    } catch (error) {
      console.warn(`[player] could not load ${url}; the stage goes on without it`, error);
      return undefined;
    }
  }

  /** Music streams through <audio>; fetching it now only fills the HTTP cache. */
  private async warmAudio(path: string): Promise<void> {
    const url = this.url(path);
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await response.arrayBuffer();
    } catch (error) {
      console.warn(`[player] could not preload music ${url}`, error);
    }
  }
}
