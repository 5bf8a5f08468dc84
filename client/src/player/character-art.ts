import type { ChapterBundle } from '../../../content-pipeline';

export type CharacterDef = ChapterBundle['characters'][string];

/** The sprite for a mood: that mood's, else the default mood's, else the first drawn; none without art. */
export function spritePathFor(character: CharacterDef | undefined, mood: string | undefined): string | undefined {
  const sprites = character?.sprites ?? {};
  if (mood && Object.hasOwn(sprites, mood)) return sprites[mood];
  const fallbackMood = character?.defaultMood;
  if (fallbackMood && Object.hasOwn(sprites, fallbackMood)) return sprites[fallbackMood];
  return Object.values(sprites)[0];
}

export function hasSprites(character: CharacterDef | undefined): boolean {
  return Object.keys(character?.sprites ?? {}).length > 0;
}
