// What the chapter upload sends: a chapter document (.json) today; Ink and Twine sources go through
// the same route once the importers land (issue 15), so they are accepted and sent as text now.

/** The `accept` of the chapter file input. */
export const CHAPTER_FILE_ACCEPT = '.json,.ink,.twee,.tw,.html,.htm';

type ChapterFormat = 'json' | 'ink' | 'twee' | 'html';

/**
 * The Content-Type each source travels with. The chapter document is JSON; Ink and Twee have no
 * registered type, so the conventional `text/x-` ones name them for the importers to switch on.
 */
const CONTENT_TYPES: Record<ChapterFormat, string> = {
  json: 'application/json',
  ink: 'text/x-ink; charset=utf-8',
  twee: 'text/x-twee; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

const FORMAT_OF_EXTENSION: Record<string, ChapterFormat> = { json: 'json', ink: 'ink', twee: 'twee', tw: 'twee', html: 'html', htm: 'html' };

export type ChapterFile =
  | { ok: true; format: ChapterFormat; chapterId: string; contentType: string; text: string }
  | { ok: false; problem: string };

/**
 * Reads a chosen file before it is sent: its format from the extension, the chapter id it proposes
 * (a chapter document's `_id`, else one made from the file name), and what keeps it from being sent
 * at all (not a chapter format, empty, JSON that does not parse). The linter judges the rest.
 */
export function readChapterFile(fileName: string, text: string): ChapterFile {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const format = FORMAT_OF_EXTENSION[extension];
  if (!format) return { ok: false, problem: `“${fileName}” is not a chapter file. Choose a .json chapter document, or an .ink, .twee or Twine .html source.` };
  if (text.trim() === '') return { ok: false, problem: `“${fileName}” is empty.` };
  let chapterId = chapterIdFromFileName(fileName);
  if (format === 'json') {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      return { ok: false, problem: `“${fileName}” is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) return { ok: false, problem: `“${fileName}” is not a chapter document: it should be one JSON object with its scenes.` };
    const id = (document as Record<string, unknown>)['_id'];
    if (typeof id === 'string' && id.trim() !== '') chapterId = id.trim();
  }
  return { ok: true, format, chapterId, contentType: CONTENT_TYPES[format], text };
}

/** "02 The Storm.ink" → "02-the-storm": a chapter id to start from, which the writer may change. */
export function chapterIdFromFileName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  const slug = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'chapter';
}
