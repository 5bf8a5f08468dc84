import type { CharacterDef, StoryManifest } from '../bundle-schema';
import type { InkAnalysis } from './analyze-ink';

/**
 * What the server plays and a client downloads for one chapter of an ink story: the whole
 * compiled story (ink chapters share one story), and where this chapter starts. Immutable and
 * content-hashed like a scene bundle.
 */
export type InkChapterBundle = {
  format: 'ink';
  id: string;
  storyId: string;
  number: number;
  title: string;
  /** null for chapter 1 (the story's own start). */
  startKnot: string | null;
  chapterKnots: string[];
  /** The story's characters (an ink story may name any of them on any line). */
  characters: Record<string, CharacterDef>;
  /** Stage art named by tags (paths in the story folder): what a client preloads. */
  assets: string[];
  ink: Record<string, unknown>;
};

export function buildInkChapterBundles(ink: InkAnalysis, manifest: StoryManifest): InkChapterBundle[] {
  return ink.chapters.map((chapter) => ({
    format: 'ink',
    id: chapter.id,
    storyId: manifest.id,
    number: chapter.number,
    title: chapter.title,
    startKnot: chapter.startKnot,
    chapterKnots: ink.chapterKnots,
    characters: manifest.characters ?? {},
    assets: ink.assets,
    ink: ink.json,
  }));
}
