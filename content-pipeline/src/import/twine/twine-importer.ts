import type { ImportInput, ImportProblem, ImportResult, StoryImporter } from '../story-importer';
import { storyIdFrom } from '../story-importer';
import { buildChapter } from './build-chapter';
import { readTwee, readTwineHtml, TwineSourceError, type TwineSource } from './twine-source';

// Twee 3 (.twee, .tw) and Twine 2 published HTML (.html) → a one-chapter story folder.
// See content-pipeline/FORMAT.md "Twine stories" for what maps to what.

export const twineImporter: StoryImporter = {
  name: 'Twine',
  extensions: ['.twee', '.tw', '.html', '.htm'],
  import: importTwine,
};

export function importTwine({ fileName, text, storyId }: ImportInput): ImportResult {
  let source: TwineSource;
  try {
    source = /\.html?$/i.test(fileName) ? readTwineHtml(text) : readTwee(text);
  } catch (error) {
    if (!(error instanceof TwineSourceError)) throw error;
    return { ok: false, problems: [{ severity: 'error', code: 'TWINE_UNREADABLE', file: fileName, ...(error.line === undefined ? {} : { line: error.line }), message: error.message }] };
  }
  const id = storyId ?? storyIdFrom(source.title);
  const built = buildChapter(source, `${id}-ch1`, id);
  const problems: ImportProblem[] = built.findings
    .map((f) => ({ severity: f.severity, code: f.code, file: fileName, ...(f.line === undefined ? {} : { line: f.line }), message: f.passage === undefined ? f.message : `passage "${f.passage}": ${f.message}` }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (built.chapter === null || problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  const story = { id, title: source.title, description: `${source.title}, imported from Twine (${built.format}).`, genre: 'interactive-fiction' };
  return {
    ok: true,
    storyId: id,
    files: { 'story.json': `${JSON.stringify(story, null, 2)}\n`, 'chapters/01.json': `${JSON.stringify(built.chapter, null, 2)}\n` },
    warnings: problems,
  };
}
