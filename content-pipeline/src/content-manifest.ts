import type { LoadedStory } from './load-content';

// manifest.json, the index of a build: what a client or CDN reads first to find the current,
// content-hashed file of every chapter. The manifest itself is the one mutable file.

const BUNDLE_FORMAT = 1;
export const MANIFEST_FILE = 'manifest.json';

/** How many hex digits of the SHA-256 go into a bundle's file name: 64 bits, plenty against collisions. */
const FILE_HASH_LENGTH = 16;

export type ManifestChapter = {
  id: string;
  number: number;
  title: string;
  /** Full hex SHA-256 of the bundle file's bytes. */
  sha256: string;
  /** Relative to the manifest: `<storyId>/<chapterId>.<sha256[0:16]>.json`. */
  file: string;
};

export type ManifestStory = { id: string; title: string; genre: string; chapters: ManifestChapter[] };

export type ContentManifest = { format: typeof BUNDLE_FORMAT; stories: ManifestStory[] };

export function bundleFilePath(storyId: string, chapterId: string, sha256: string): string {
  return `${storyId}/${chapterId}.${sha256.slice(0, FILE_HASH_LENGTH)}.json`;
}

export function manifestStory(story: LoadedStory): ManifestStory {
  return {
    id: story.manifest.id,
    title: story.manifest.title,
    genre: story.manifest.genre,
    chapters: [...story.chapters]
      .sort((a, b) => a.number - b.number)
      .map((c) => ({ id: c.id, number: c.number, title: c.title, sha256: c.sha256, file: bundleFilePath(story.manifest.id, c.id, c.sha256) })),
  };
}

/** Stories sorted by id, so the manifest's bytes depend only on the content. */
export function contentManifest(stories: readonly ManifestStory[]): ContentManifest {
  return { format: BUNDLE_FORMAT, stories: [...stories].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}
