import type { ChapterBundle } from '../../../content-pipeline';

export interface ChapterAssets {
  /** Backgrounds and sprites, as the bundle names them (relative paths). */
  images: string[];
  music: string[];
}

/** Every asset the chapter can show, so nothing pops in late while reading. */
export function listChapterAssets(bundle: ChapterBundle): ChapterAssets {
  const images = new Set<string>();
  const music = new Set<string>();
  for (const scene of Object.values(bundle.scenes)) {
    if (scene.background) images.add(scene.background);
    if (scene.music) music.add(scene.music);
  }
  for (const character of Object.values(bundle.characters)) {
    for (const sprite of Object.values(character.sprites ?? {})) images.add(sprite);
  }
  return { images: [...images], music: [...music] };
}
