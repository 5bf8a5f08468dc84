import { resolve } from 'node:path';
import { listAssetReferences } from './asset-references';
import { checkAssetPath } from './asset-path';
import type { StoryManifest } from './bundle-schema';
import { canonicalJson, sha256Hex } from './canonical-json';
import { buildChapterBundle, type ChapterBundle } from './chapter-bundle';
import { hasErrors, makeProblem, type ContentProblem } from './content-problem';
import { analyzeStory, type StoryAnalysis } from './lint';
import { readStoryFolder } from './read-story-folder';
import { ContentIdRegistry } from './rules/unique-across-stories';
import { scanContentDir, STORY_MANIFEST, WORLD_MANIFEST } from './scan-content-dir';
import { readWorldFolder, type LoadedWorld } from './world/load-world';

import { buildInkChapterBundles, type InkChapterBundle } from './ink/ink-chapter-bundle';

export type { ChapterBundle } from './chapter-bundle';
export type { InkChapterBundle } from './ink/ink-chapter-bundle';
/** A scene chapter's bundle or an ink chapter's. */
export type AnyChapterBundle = ChapterBundle | InkChapterBundle;

// Loads a whole content dir. A story with any error is left out (never half-published);
// the others still load, and every problem is returned for the caller to print.

export type ContentLoadResult = {
  stories: LoadedStory[];
  /** Absolute paths of folders holding world.json (campaign worlds, loaded elsewhere). */
  worldDirs: string[];
  /** The valid worlds (a world with any error is left out, like a story). */
  worlds: LoadedWorld[];
  problems: ContentProblem[];
};

export type LoadedStory = {
  manifest: StoryManifest;
  /** Absolute. */
  dir: string;
  /** Sorted by number. */
  chapters: LoadedChapter[];
  /** Relative paths (cover, backgrounds, music, sprites), normalized, deduped, sorted. */
  assets: string[];
};

export type LoadedChapter = {
  /** The chapter's _id. */
  id: string;
  storyId: string;
  number: number;
  /** Defaults to `Chapter ${number}`. */
  title: string;
  /** Relative to the content dir. */
  file: string;
  bundle: AnyChapterBundle;
  /** Hex SHA-256 of canonicalJson(bundle): the bundle's ETag and content hash. */
  sha256: string;
};

/** Throws only when `dir` itself cannot be read (a configuration mistake, not a content one). */
export async function loadContentDir(dir: string): Promise<ContentLoadResult> {
  const root = resolve(dir);
  const folders = await scanContentDir(root).catch((error: unknown) => {
    throw new Error(`content directory ${root} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  });
  const result: ContentLoadResult = { stories: [], worldDirs: folders.worlds.map((name) => resolve(root, name)), worlds: [], problems: [] };

  for (const name of folders.unknown) {
    const reason = `folder is ignored: it has neither ${STORY_MANIFEST} (a story) nor ${WORLD_MANIFEST} (a world)`;
    result.problems.push(makeProblem({ severity: 'warning', code: 'UNKNOWN_CONTENT_FOLDER', file: name, reason }));
  }
  for (const name of folders.both) {
    const reason = `has both ${STORY_MANIFEST} and ${WORLD_MANIFEST}; it is loaded as a story and ${WORLD_MANIFEST} is ignored`;
    result.problems.push(makeProblem({ severity: 'warning', code: 'AMBIGUOUS_CONTENT_FOLDER', file: name, reason }));
  }

  const registry = new ContentIdRegistry();
  for (const name of folders.stories) {
    const input = await readStoryFolder(root, name);
    const analysis = analyzeStory(input);
    const problems = [...analysis.problems, ...registry.claim(analysis, input.manifestFile)];
    result.problems.push(...problems);
    if (!hasErrors(problems) && analysis.manifest !== undefined) {
      result.stories.push(toLoadedStory(resolve(root, name), input.manifestFile, { ...analysis, manifest: analysis.manifest }));
    }
  }
  const worldIds = new Map<string, string>();
  for (const name of folders.worlds) {
    const { world, problems } = await readWorldFolder(root, name);
    result.problems.push(...problems);
    if (!world) continue;
    const claimedBy = worldIds.get(world.manifest.id);
    if (claimedBy !== undefined) {
      const reason = `world id "${world.manifest.id}" is already used by ${claimedBy}/${WORLD_MANIFEST}; this world is left out`;
      result.problems.push(makeProblem({ code: 'DUPLICATE_WORLD', file: `${name}/${WORLD_MANIFEST}`, reason }));
      continue;
    }
    worldIds.set(world.manifest.id, name);
    result.worlds.push(world);
  }
  return result;
}

function toLoadedStory(dir: string, manifestFile: string, analysis: StoryAnalysis & { manifest: StoryManifest }): LoadedStory {
  const { manifest, chapters } = analysis;
  const loaded = chapters.map(({ file, source }): LoadedChapter => loadedChapter(buildChapterBundle(source, manifest), file));
  const inkFile = `${manifestFile.slice(0, manifestFile.lastIndexOf('/') + 1)}${String(manifest['source'])}`;
  if (analysis.ink) loaded.push(...buildInkChapterBundles(analysis.ink, manifest).map((bundle) => loadedChapter(bundle, inkFile)));
  const assets = new Set<string>(analysis.ink?.assets ?? []);
  for (const ref of listAssetReferences(manifestFile, manifest, chapters)) {
    const verdict = checkAssetPath(ref.path);
    if (verdict.ok) assets.add(verdict.path); // always ok here: the story passed the linter
  }
  return { manifest, dir, chapters: loaded.sort((a, b) => a.number - b.number), assets: [...assets].sort() };
}

function loadedChapter(bundle: AnyChapterBundle, file: string): LoadedChapter {
  return { id: bundle.id, storyId: bundle.storyId, number: bundle.number, title: bundle.title, file, bundle, sha256: sha256Hex(canonicalJson(bundle)) };
}
