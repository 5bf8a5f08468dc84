import { fileURLToPath } from 'node:url';
import { canonicalJson, sha256Hex, type ChapterBundle, type LoadedChapter, type LoadedStory } from '../../content-pipeline';

// Test support: LoadedStory values as the content pipeline would hand them over, without disk.

export const LANTERN_DIR = fileURLToPath(new URL('./fixtures/lantern', import.meta.url));

export interface StorySpec {
  id: string;
  genre?: string;
  title?: string;
  description?: string;
  cover?: string;
  publishedAt?: string;
  /** Chapter numbers, or specs; a chapter's id is `<story>-ch<number>` unless given. */
  chapters?: (number | ChapterSpec)[];
  dir?: string;
  assets?: string[];
}

export interface ChapterSpec {
  number: number;
  id?: string;
  title?: string;
  /** Any text: changing it changes the bundle, hence its sha256. */
  line?: string;
}

export function loadedStory(spec: StorySpec): LoadedStory {
  const chapters = (spec.chapters ?? [1]).map((c) => loadedChapter(spec.id, typeof c === 'number' ? { number: c } : c));
  return {
    manifest: {
      id: spec.id,
      title: spec.title ?? `Title of ${spec.id}`,
      description: spec.description ?? `About ${spec.id}`,
      genre: spec.genre ?? 'drama',
      ...(spec.cover === undefined ? {} : { cover: spec.cover }),
      ...(spec.publishedAt === undefined ? {} : { publishedAt: spec.publishedAt }),
    },
    dir: spec.dir ?? `/nonexistent/${spec.id}`,
    chapters: chapters.sort((a, b) => a.number - b.number),
    assets: spec.assets ?? [],
  };
}

function loadedChapter(storyId: string, spec: ChapterSpec): LoadedChapter {
  const id = spec.id ?? `${storyId}-ch${spec.number}`;
  const title = spec.title ?? `Chapter ${spec.number}`;
  const bundle: ChapterBundle = {
    format: 1,
    id,
    storyId,
    number: spec.number,
    title,
    startSceneId: 'opening',
    characters: {},
    scenes: { opening: { timeline: [{ type: 'dialogue', character: 'Nell', text: spec.line ?? `Welcome to ${id}.`, id: 'opening.0' }], end: true } },
  };
  return { id, storyId, number: spec.number, title, file: `${storyId}/chapters/${spec.number}.json`, bundle, sha256: sha256Hex(canonicalJson(bundle)) };
}
