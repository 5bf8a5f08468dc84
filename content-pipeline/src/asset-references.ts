import type { ChapterSource, StoryManifest } from './bundle-schema';

// Every place a story names a file. The linter checks each one; the loader lists them so the
// server knows which files to serve (and nothing else from the folder).

export type AssetReference = { path: string; file: string; sceneId?: string; /** e.g. "cover", "background" */ field: string };

export function listAssetReferences(
  manifestFile: string,
  manifest: StoryManifest | undefined,
  chapters: readonly { file: string; source: ChapterSource }[],
): AssetReference[] {
  const refs: AssetReference[] = [];
  if (manifest?.cover !== undefined) refs.push({ path: manifest.cover, file: manifestFile, field: 'cover' });
  for (const outfit of manifest?.outfits ?? []) if (outfit.sprite !== undefined) refs.push({ path: outfit.sprite, file: manifestFile, field: `outfit "${outfit.id}" sprite` });
  for (const [name, character] of Object.entries(manifest?.characters ?? {})) {
    for (const [mood, path] of Object.entries(character.sprites ?? {})) {
      refs.push({ path, file: manifestFile, field: `sprite "${mood}" of character "${name}"` });
    }
  }
  for (const { file, source } of chapters) {
    for (const [sceneId, scene] of Object.entries(source.scenes)) {
      if (scene.background !== undefined) refs.push({ path: scene.background, file, sceneId, field: 'background' });
      if (scene.music !== undefined) refs.push({ path: scene.music, file, sceneId, field: 'music' });
    }
  }
  return refs;
}
