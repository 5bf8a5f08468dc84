import type { ChapterProblem } from '../../api/studio';
import { analyzeInk, buildInkChapterBundles, canonicalJson, problemReason, sha256Hex, type ContentProblem, type InkChapterBundle } from '../../content-pipeline';
import { DomainError } from '../shared/domain-error';

export interface StudioInkChapterInput {
  story: { id: string; title: string };
  chapterId: string;
  number: number;
  title: string;
  text: string;
  /** Whether the story has an uploaded asset at this (normalised, safe) path. */
  assetExists: (path: string) => boolean;
}

export interface StudioInkChapter {
  bundle: InkChapterBundle;
  sha256: string;
  /** Warnings (compile warnings, art not uploaded yet): kept with the draft and told with the answer. */
  warnings: ContentProblem[];
}

/**
 * An `.ink` upload is one studio chapter: the whole file is that chapter's story, compiled by the
 * pipeline's ink compiler and built by its bundle builder (startKnot null, no chapter knots), named
 * and numbered as the studio chapter. `# chapter:` knot tags are refused (in the studio each chapter
 * is its own .ink file). Any error is CONTENT_INVALID (422) with file:line, and nothing is kept.
 */
export function studioInkChapter(input: StudioInkChapterInput): StudioInkChapter {
  const file = `${input.chapterId}.ink`;
  const manifest = { id: input.story.id, title: input.story.title, description: '', genre: '' };
  const { problems, ink } = analyzeInk({ file, main: file, files: { [file]: input.text }, missing: [] }, manifest, input.assetExists);
  if (ink !== undefined && ink.chapterKnots.length > 0) {
    problems.push({
      severity: 'error',
      code: 'INK_CHAPTER_TAGS',
      file,
      message: `knots ${ink.chapterKnots.map((k) => `"${k}"`).join(', ')} are tagged "# chapter:"; in the studio each chapter is its own .ink file`,
    });
  }
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (ink === undefined || errors.length > 0) {
    const shown = problems.map(toInkChapterProblem);
    const first = errors[0];
    const where = first?.line === undefined ? '' : ` (${first.file}:${first.line})`;
    throw new DomainError('CONTENT_INVALID', `The ink source could not be compiled; nothing was kept. The first problem${where}: ${first === undefined ? 'unknown' : problemReason(first)}`, {
      problems: shown,
      problemCount: Math.max(1, errors.length),
    });
  }
  const built = buildInkChapterBundles(ink, manifest)[0]!;
  const bundle: InkChapterBundle = { ...built, id: input.chapterId, number: input.number, title: input.title, startKnot: null, chapterKnots: [] };
  return { bundle, sha256: sha256Hex(canonicalJson(bundle)), warnings: problems };
}

/** Ink problems keep their file and line: the writer's editor knows the upload by them. */
export function toInkChapterProblem(problem: ContentProblem): ChapterProblem {
  return { file: problem.file, ...(problem.line === undefined ? {} : { line: problem.line }), severity: problem.severity, code: problem.code, message: problemReason(problem) };
}
