import { ApiError } from '../http/api-error';
import { unstorableText } from '../http/validate';

/** The largest chapter document taken (the JSON body, in bytes): a long chapter is a few hundred KiB. */
export const MAX_CHAPTER_BYTES = 2 * 1024 * 1024;
/** The chapter format nests about ten levels; far deeper is hostile and would overflow recursive encoders. */
export const MAX_CHAPTER_DEPTH = 64;

/** A chapter document as uploaded: a JSON object, its `_id` and `storyId` filled in from the route. */
export type ChapterDocument = Record<string, unknown> & { _id: string; storyId: string };

/**
 * Checks what the linter cannot judge and the database could not store, before any linting: the body
 * is one JSON object, not absurdly deep, of storable text, and names this chapter of this story (or
 * names none: `_id` and `storyId` are then filled in). Everything else is the linter's to report.
 */
export function chapterDocument(body: unknown, ids: { storyId: string; chapterId: string }): ChapterDocument {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'INVALID_CHAPTER_DOCUMENT', 'The body must be a chapter document: one JSON object with `chapterNumber` and `scenes` (see content-pipeline/FORMAT.md)');
  }
  if (depthExceeds(body, MAX_CHAPTER_DEPTH)) {
    throw new ApiError(400, 'INVALID_CHAPTER_DOCUMENT', `The chapter document nests deeper than ${MAX_CHAPTER_DEPTH} levels`);
  }
  const issues = unstorableText(body);
  if (issues.length > 0) {
    throw new ApiError(400, 'VALIDATION_FAILED', `The chapter document is not valid — ${issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues: issues.slice(0, 50) });
  }
  const document = body as Record<string, unknown>;
  if (document._id !== undefined && document._id !== ids.chapterId) {
    throw new ApiError(400, 'CHAPTER_ID_MISMATCH', `The document's _id ${JSON.stringify(document._id)} is not the chapter in the URL (${ids.chapterId}); send the same id, or none`, { chapterId: ids.chapterId });
  }
  if (document.storyId !== undefined && document.storyId !== ids.storyId) {
    throw new ApiError(400, 'STORY_ID_MISMATCH', `The document's storyId ${JSON.stringify(document.storyId)} is not the story in the URL (${ids.storyId}); send the same id, or none`, { storyId: ids.storyId });
  }
  // The ids first, so a stored source reads like a chapter file.
  return { _id: ids.chapterId, storyId: ids.storyId, ...document } as ChapterDocument;
}

/** Iterative, so the depth of hostile input is never trusted to the call stack. */
function depthExceeds(root: object, limit: number): boolean {
  const pending: [unknown, number][] = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limit) return true;
    for (const item of Object.values(value)) if (item !== null && typeof item === 'object') pending.push([item, depth + 1]);
  }
  return false;
}
