import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { canonicalJson } from './canonical-json';
import { bundleFilePath, contentManifest, manifestStory, MANIFEST_FILE, type ContentManifest } from './content-manifest';
import { foldersWithErrors, type ContentProblem } from './content-problem';
import { loadContentDir } from './load-content';
import { publishImmutable, publishReplaceable, type PublishStatus } from './publish-file';

export type { ContentManifest, ManifestChapter, ManifestStory } from './content-manifest';

// Lints a content dir and writes what a static host needs to serve it: per story its chapter
// bundles under content-hashed names plus the assets they reference, and manifest.json. A story
// with any error is refused as a whole (nothing of it is written, and it is left out of the
// manifest), exactly as the server's loader leaves it out of the catalog; the others are built.
//
// Order matters to anyone reading the output while it is written: assets before the bundles
// that name them, and manifest.json last, so the manifest never points at a missing file.

export type BuiltFile = {
  /** Relative to the output dir, with forward slashes. */
  path: string;
  status: PublishStatus;
};

export type BuildReport = {
  /** Every problem the linter found (errors and warnings), as loadContentDir reports them. */
  problems: ContentProblem[];
  /** What was written to manifest.json: the stories built, sorted by id. */
  manifest: ContentManifest;
  /** Content-dir folders refused because of errors, sorted; nothing of them was written. */
  refused: string[];
  /** Every file of the build in the order written, including those already in place. */
  files: BuiltFile[];
};

/**
 * Throws when the content dir cannot be read, on I/O errors, when the output would land inside the
 * content dir, and when a content-hashed file already exists with different bytes (see
 * publishImmutable); content problems never throw.
 */
export async function buildContent(contentDir: string, outDir: string): Promise<BuildReport> {
  const misplaced = outDirProblem(contentDir, outDir);
  if (misplaced !== undefined) throw new Error(misplaced);
  const loaded = await loadContentDir(contentDir);
  const out = resolve(outDir);
  const files: BuiltFile[] = [];
  const publish = async (path: string, status: Promise<PublishStatus>): Promise<void> => {
    files.push({ path, status: await status });
  };

  for (const story of loaded.stories) {
    for (const asset of story.assets) {
      const path = `${story.manifest.id}/${asset}`;
      await publish(path, publishReplaceable(join(out, path), await readFile(join(story.dir, asset))));
    }
    for (const chapter of story.chapters) {
      const path = bundleFilePath(story.manifest.id, chapter.id, chapter.sha256);
      // The exact bytes that were hashed: the file name and the manifest vouch for them.
      await publish(path, publishImmutable(join(out, path), Buffer.from(canonicalJson(chapter.bundle), 'utf8')));
    }
  }

  const manifest = contentManifest(loaded.stories.map(manifestStory));
  await publish(MANIFEST_FILE, publishReplaceable(join(out, MANIFEST_FILE), Buffer.from(canonicalJson(manifest), 'utf8')));
  return { problems: loaded.problems, manifest, refused: foldersWithErrors(loaded.problems), files };
}

/**
 * Built files inside the content dir would land in story folders (`<out>/<storyId>/` is the story's
 * own folder when out is the content dir) or show up as a stray content folder on the next lint.
 */
export function outDirProblem(contentDir: string, outDir: string): string | undefined {
  const inside = relative(resolve(contentDir), resolve(outDir));
  const outside = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  if (!outside) {
    return `output dir ${resolve(outDir)} is inside the content dir ${resolve(contentDir)}; build somewhere else`;
  }
  return undefined;
}
