import type { ChapterSource, CharacterDef, SceneSource, StoryManifest } from './bundle-schema';
import { resolveStartSceneId } from './scene-links';

// What a client downloads to play one chapter: self-contained (it carries the characters it
// speaks with) and immutable, so it can be served with a content hash and a long cache.
export type ChapterBundle = {
  format: 1;
  id: string;
  storyId: string;
  number: number;
  title: string;
  /** Resolved: startSceneId, or the first listed scene. */
  startSceneId: string;
  /** Only the characters this chapter's timelines use, so editing another one does not change this bundle's hash. */
  characters: Record<string, CharacterDef>;
  scenes: Record<string, SceneSource>;
};

export function defaultChapterTitle(number: number): string {
  return `Chapter ${number}`;
}

/** Expects a chapter that passed the linter (its start scene exists). */
export function buildChapterBundle(source: ChapterSource, manifest: StoryManifest): ChapterBundle {
  const startSceneId = resolveStartSceneId(source);
  if (startSceneId === undefined) throw new Error(`chapter ${source._id} has no scenes; lint it before building`);
  return {
    format: 1,
    id: source._id,
    storyId: source.storyId,
    number: source.chapterNumber,
    title: source.title !== undefined && source.title.trim() !== '' ? source.title : defaultChapterTitle(source.chapterNumber),
    startSceneId,
    characters: charactersUsed(source, manifest),
    scenes: source.scenes,
  };
}

function charactersUsed(source: ChapterSource, manifest: StoryManifest): Record<string, CharacterDef> {
  const used: Record<string, CharacterDef> = {};
  for (const scene of Object.values(source.scenes)) {
    for (const step of scene.timeline) {
      const def = manifest.characters?.[step.character];
      if (def !== undefined && Object.hasOwn(manifest.characters ?? {}, step.character)) used[step.character] = def;
    }
  }
  return used;
}
