import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { hasErrors, type ContentProblem } from '../content-problem';
import { analyzeStory } from '../lint';
import { readStoryFolder } from '../read-story-folder';
import { importerFor, IMPORTERS, supportedExtensions } from './importers';
import type { ImportProblem, StoryImporter } from './story-importer';

export type ImportFileReport =
  | { ok: true; storyId: string; outDir: string; files: string[]; warnings: ImportProblem[]; lintProblems: ContentProblem[] }
  | { ok: false; problems: ImportProblem[]; lintProblems: ContentProblem[] };

export class ImportUsageError extends Error {}

/**
 * Imports one source file into a story folder at `outDir`. The folder is staged beside its
 * destination and linted like any story; only a clean one is moved into place, so a failed
 * import leaves nothing behind (and never anything executable).
 */
export async function importStoryFile(
  sourcePath: string,
  outDir: string,
  options: { storyId?: string; force?: boolean; importers?: readonly StoryImporter[] } = {},
): Promise<ImportFileReport> {
  const importers = options.importers ?? IMPORTERS;
  const importer = importerFor(sourcePath, importers);
  if (importer === undefined) {
    const known = supportedExtensions(importers);
    throw new ImportUsageError(`no importer for ${basename(sourcePath)}${known.length > 0 ? ` (supported: ${known.join(', ')})` : ''}`);
  }
  const text = await readFile(sourcePath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ImportUsageError(`cannot read ${sourcePath}: ${error.code ?? error.message}`);
  });
  const target = resolve(outDir);
  await requireEmptyOrAbsent(target, options.force === true);

  const result = importer.import({ fileName: sourcePath, text, ...(options.storyId === undefined ? {} : { storyId: options.storyId }) });
  if (!result.ok) return { ok: false, problems: result.problems, lintProblems: [] };

  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.importing-`));
  try {
    const folder = join(staging, 'story');
    for (const [relPath, content] of Object.entries(result.files)) {
      const path = join(folder, relPath);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    const lintProblems = analyzeStory(await readStoryFolder(staging, 'story')).problems.map((problem) => renamed(problem, basename(target)));
    if (hasErrors(lintProblems)) return { ok: false, problems: result.warnings, lintProblems };
    await rm(target, { recursive: true, force: true });
    await rename(folder, target);
    return { ok: true, storyId: result.storyId, outDir: target, files: Object.keys(result.files).sort(), warnings: result.warnings, lintProblems };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function requireEmptyOrAbsent(dir: string, force: boolean): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new ImportUsageError(`--out ${dir} cannot be used: ${error.code ?? error.message}`);
  });
  if (entries.length > 0 && !force) throw new ImportUsageError(`--out ${dir} is not empty; pass --force to replace it`);
}

/** Lint problems name the staged folder "story/…"; the writer knows it by its real name. */
function renamed(problem: ContentProblem, folder: string): ContentProblem {
  const file = problem.file.replace(/^story\//, `${folder}/`);
  return { ...problem, file, message: problem.message.replace(problem.file, file) };
}
