import type { ChapterProblem } from '../../api/studio';
import { importerFor, type ImportProblem } from '../../content-pipeline';
import { DomainError } from '../shared/domain-error';
import type { ChapterDocument } from './chapter-document';

/** The sources a chapter upload may be instead of a chapter document, by Content-Type (see client/src/studio/chapter-file.ts). */
const SOURCE_EXTENSIONS: Record<string, string> = { 'text/x-twee': '.twee', 'text/html': '.html', 'text/x-ink': '.ink' };

/** The extension of the source a Content-Type announces, or undefined for a chapter document (JSON). */
export function sourceExtensionOf(contentType: string | undefined): string | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return SOURCE_EXTENSIONS[type];
}

/**
 * A Twine (or other imported) source turned into this studio chapter's document by the same
 * importer as `npm run content -- import`: its single chapter, renamed to the chapter in the URL
 * and numbered as the studio says, with the importer's warnings. Import errors are CONTENT_INVALID
 * (422) with file:line.
 */
export function importedChapterDocument(text: string, extension: string, ids: { storyId: string; chapterId: string }, chapterNumber: number): { document: ChapterDocument; warnings: ChapterProblem[] } {
  const fileName = `${ids.chapterId}${extension}`;
  const importer = importerFor(fileName);
  if (importer === undefined) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `No importer reads ${extension} sources`);
  const result = importer.import({ fileName, text, storyId: ids.storyId });
  if (!result.ok) {
    const problems = result.problems.map(toChapterProblem);
    const firstError = problems.find((p) => p.severity === 'error') ?? problems[0];
    const where = firstError?.line === undefined ? '' : ` (${firstError.file}:${firstError.line})`;
    throw new DomainError('CONTENT_INVALID', `The ${importer.name} source could not be imported; nothing was kept. The first problem${where}: ${firstError?.message ?? 'unknown'}`, {
      problems,
      problemCount: problems.filter((p) => p.severity === 'error').length,
    });
  }
  const chapterFiles = Object.keys(result.files).filter((path) => path.startsWith('chapters/'));
  if (chapterFiles.length !== 1) throw new DomainError('CONTENT_INVALID', `The source makes ${chapterFiles.length} chapters; a studio upload is one chapter`, { problems: [], problemCount: 1 });
  const chapter = JSON.parse(result.files[chapterFiles[0]!]!) as Record<string, unknown>;
  return { document: { ...chapter, _id: ids.chapterId, storyId: ids.storyId, chapterNumber }, warnings: result.warnings.map(toChapterProblem) };
}

function toChapterProblem(problem: ImportProblem): ChapterProblem {
  return { file: problem.file, ...(problem.line === undefined ? {} : { line: problem.line }), severity: problem.severity, code: problem.code, message: problem.message };
}
