import {
  buildChapterBundle,
  canonicalJson,
  chapterSourceSchema,
  checkAssetPath,
  lintStory,
  sha256Hex,
  type AnyChapterBundle,
  type ContentProblem,
  type StoryManifest,
} from '../../content-pipeline';

/** The `chapters` and `chapter_drafts` columns: a longer title or a larger number cannot be stored. */
export const MAX_CHAPTER_TITLE = 200;
export const MAX_CHAPTER_NUMBER = 100_000;
/** A writer fixes a chapter from the first problems; thousands of them (a mangled file) say nothing more. */
export const MAX_PROBLEMS_KEPT = 200;

export interface StudioLintInput {
  story: { id: string; title: string; description: string; genre: string };
  /** The uploaded chapter, its `_id` and `storyId` already those of the route. */
  document: { _id: string; storyId: string } & Record<string, unknown>;
  /** The story's other chapters (their current clean drafts), for the story-wide rules. */
  otherChapters: { id: string; document: unknown }[];
  /** Whether the story has an uploaded asset at this (normalised, safe) path. */
  assetExists(path: string): boolean;
}

export interface StudioLintResult {
  /** This chapter's problems only, at most MAX_PROBLEMS_KEPT of them. */
  problems: ContentProblem[];
  /** How many there were before the cut. */
  problemCount: number;
  number: number;
  title: string;
  /** Set when no problem is an error: the bundle readers will get, and its content hash. */
  built: { bundle: AnyChapterBundle; sha256: string } | null;
  /** The story asset paths the chapter references (those that are safe paths), normalised, sorted. */
  assetPaths: string[];
}

/**
 * Lints one studio chapter with the content pipeline's linter, as if it were a file in a story folder
 * whose story.json is the story (no `characters`: any speaker is accepted), whose other chapters are
 * the story's other clean drafts and whose assets are the story's uploads. A clean chapter is built
 * into the same bundle, with the same hash, as the catalog builds from CONTENT_DIR.
 */
export function lintStudioChapter(input: StudioLintInput): StudioLintResult {
  const manifest: StoryManifest = { id: input.story.id, title: input.story.title, description: input.story.description, genre: input.story.genre };
  const file = chapterFile(input.document._id);
  // This chapter last: a chapter number used twice is reported on the second file, the upload.
  const chapters = [...input.otherChapters.map((other) => ({ file: chapterFile(other.id), doc: other.document })), { file, doc: input.document }];
  const problems = lintStory({ manifestFile: 'story.json', manifest, chapters, assetExists: input.assetExists })
    .filter((problem) => problem.file === file)
    .map(inStudioWords);

  const parsed = chapterSourceSchema.safeParse(input.document);
  const number = parsed.success ? parsed.data.chapterNumber : 0;
  const title = parsed.success && parsed.data.title?.trim() ? parsed.data.title : `Chapter ${number}`;
  if (parsed.success) problems.push(...storageProblems(file, number, title));

  const clean = parsed.success && !problems.some((problem) => problem.severity === 'error');
  const bundle = clean ? buildChapterBundle(parsed.data, manifest) : null;
  return {
    problems: problems.slice(0, MAX_PROBLEMS_KEPT),
    problemCount: problems.length,
    number: number <= MAX_CHAPTER_NUMBER ? number : 0,
    title: title.slice(0, MAX_CHAPTER_TITLE),
    built: bundle ? { bundle, sha256: sha256Hex(canonicalJson(bundle)) } : null,
    assetPaths: referencedAssets(input.document),
  };
}

/** A studio story has no folder: its files are the uploads, and that is what a missing one lacks. */
function inStudioWords(problem: ContentProblem): ContentProblem {
  if (problem.code !== 'MISSING_ASSET') return problem;
  return { ...problem, message: problem.message.replace(/which does not exist in the story folder$/, 'which has not been uploaded to the story') };
}

/** The file name a chapter has in problems: its id, which is what the writer knows it by. */
function chapterFile(chapterId: string): string {
  return `chapter "${chapterId}"`;
}

function storageProblems(file: string, number: number, title: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (number > MAX_CHAPTER_NUMBER) {
    problems.push({ severity: 'error', code: 'CHAPTER_NUMBER_TOO_LARGE', file, message: `chapterNumber ${number} is larger than ${MAX_CHAPTER_NUMBER}` });
  }
  if (title.length > MAX_CHAPTER_TITLE) {
    problems.push({ severity: 'error', code: 'CHAPTER_TITLE_TOO_LONG', file, message: `title is ${title.length} characters long; at most ${MAX_CHAPTER_TITLE} fit` });
  }
  return problems;
}

/** Read from the raw document, so a draft with problems still says which files it wants. */
function referencedAssets(document: Record<string, unknown>): string[] {
  const paths = new Set<string>();
  const scenes = document.scenes;
  if (scenes === null || typeof scenes !== 'object' || Array.isArray(scenes)) return [];
  for (const scene of Object.values(scenes as Record<string, unknown>)) {
    if (scene === null || typeof scene !== 'object') continue;
    for (const field of ['background', 'music'] as const) {
      const path = (scene as Record<string, unknown>)[field];
      if (typeof path !== 'string') continue;
      const verdict = checkAssetPath(path);
      if (verdict.ok) paths.add(verdict.path);
    }
  }
  return [...paths].sort();
}
