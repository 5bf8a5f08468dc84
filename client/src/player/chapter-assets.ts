import type { AnyChapterBundle } from '../../../content-pipeline';

export interface ChapterAssets {
  /** Backgrounds and sprites, as the bundle names them (relative paths). */
  images: string[];
  music: string[];
}

const AUDIO = /\.(ogg|oga|mp3|wav|m4a|aac|flac|opus|weba)$/i;

/** Every asset the chapter can show, so nothing pops in late while reading. */
export function listChapterAssets(bundle: AnyChapterBundle): ChapterAssets {
  const images = new Set<string>();
  const music = new Set<string>();
  if (bundle.format === 'ink') {
    // An ink bundle lists the art its stage tags name; sound files are music, the rest images.
    for (const asset of bundle.assets) (AUDIO.test(asset) ? music : images).add(asset);
  } else {
    for (const scene of Object.values(bundle.scenes)) {
      if (scene.background) images.add(scene.background);
      if (scene.music) music.add(scene.music);
    }
  }
  for (const character of Object.values(bundle.characters)) {
    for (const sprite of Object.values(character.sprites ?? {})) images.add(sprite);
  }
  return { images: [...images], music: [...music] };
}
