import type { ChapterSource, CharacterDef, Outfit, Protagonist, SceneSource, StoryManifest, TimelineStep } from './bundle-schema';
import { listCharacterReferences } from './character-references';
import { listOptions } from './located-options';
import { withParagraphIds } from './paragraph-ids';
import { collectStateWrites } from './state-writes';
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
  /**
   * Only the characters this chapter names (dialogue, show/hide steps, relationship effects and
   * conditions), so editing another one does not change this bundle's hash.
   */
  characters: Record<string, CharacterDef>;
  /** As written, except that every timeline line carries its paragraph id (src/paragraph-ids.ts). */
  scenes: Record<string, BundleScene>;
  /** The story's labels (story.json `flags`) of the flags this chapter sets; absent when none is labeled. */
  flagLabels?: Record<string, string>;
  /** The story's protagonist (story.json), when it has one: whose name `{name}` stands for. */
  protagonist?: Protagonist;
  /** The story's wardrobe (story.json `outfits`), when it has one. */
  outfits?: Outfit[];
};

/** A timeline line in a bundle: its paragraph id is always there (authored, or `<sceneId>.<index>`). */
export type BundleTimelineStep = TimelineStep & { id: string };
export type BundleScene = SceneSource & { timeline: BundleTimelineStep[] };

function defaultChapterTitle(number: number): string {
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
    scenes: Object.fromEntries(Object.entries(source.scenes).map(([sceneId, scene]) => [sceneId, withParagraphIds(sceneId, scene)])),
    ...flagLabelsUsed(source, manifest),
    ...(manifest.protagonist ? { protagonist: manifest.protagonist } : {}),
    ...(manifest.outfits && manifest.outfits.length > 0 ? { outfits: manifest.outfits } : {}),
  };
}

function flagLabelsUsed(source: ChapterSource, manifest: StoryManifest): { flagLabels?: Record<string, string> } {
  const labels = manifest.flags ?? {};
  const used: Record<string, string> = {};
  for (const flag of collectStateWrites(listOptions(source)).flagsSetTrue) {
    const label = Object.hasOwn(labels, flag) ? labels[flag] : undefined;
    if (label !== undefined) used[flag] = label;
  }
  return Object.keys(used).length > 0 ? { flagLabels: used } : {};
}

function charactersUsed(source: ChapterSource, manifest: StoryManifest): Record<string, CharacterDef> {
  const declared = manifest.characters ?? {};
  const used: Record<string, CharacterDef> = {};
  for (const { name } of listCharacterReferences(source)) {
    const def = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (def !== undefined) used[name] = def;
  }
  return used;
}
