import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Story } from 'inkjs';
import { checkAssetPath } from '../../asset-path';
import { collectIncludes, compileInk, type InkMessage } from '../../ink/compile-ink';
import { tagValue } from '../../ink/ink-tags';
import type { ImportInput, ImportProblem, ImportResult, StoryImporter } from '../story-importer';
import { storyIdFrom } from '../story-importer';

// Ink is not converted: the story folder keeps the ink source, and the server plays it (FORMAT.md,
// "Ink stories"). Importing compiles it once so that every problem comes back now, with its line.

export const INK_SOURCE = 'story.ink';

export const inkImporter: StoryImporter = {
  name: 'Ink',
  extensions: ['.ink'],
  import({ fileName, text, storyId }: ImportInput): ImportResult {
    const main = basename(fileName);
    const { files, missing } = collectIncludes(main, text, (name) => readInclude(fileName, name));
    const shown = (file: string): string => (file === main ? fileName : join(dirname(fileName), file));
    const toProblem = (m: InkMessage, code: string): ImportProblem => ({ severity: m.severity, code, file: shown(m.file), ...(m.line === undefined ? {} : { line: m.line }), message: m.message });
    // Without every INCLUDEd file the compiler only says it cannot find one: the missing ones are the problem.
    if (missing.length > 0) return { ok: false, problems: missing.map((m) => toProblem(m, 'INK_INCLUDE_MISSING')) };
    const compiled = compileInk(main, files);
    const problems = compiled.messages.map((m) => toProblem(m, m.severity === 'error' ? 'INK_COMPILE_ERROR' : 'INK_COMPILE_WARNING'));
    if (!compiled.ok || problems.some((p) => p.severity === 'error')) return { ok: false, problems: problems.filter((p) => p.severity === 'error') };

    const globalTags = new Story(compiled.json).globalTags ?? [];
    const title = tagValue(globalTags, 'title') || basename(fileName, extname(fileName));
    const author = tagValue(globalTags, 'author');
    const id = storyId ?? storyIdFrom(title);
    const manifest = {
      id,
      title,
      description: author ? `By ${author}. Imported from ${main}.` : `Imported from ${main}.`,
      genre: tagValue(globalTags, 'genre') || 'interactive-fiction',
      source: INK_SOURCE,
    };
    // The main file becomes story.ink; INCLUDEd files keep their names beside it.
    const output: Record<string, string> = { 'story.json': `${JSON.stringify(manifest, null, 2)}\n`, [INK_SOURCE]: text };
    for (const [name, content] of Object.entries(files)) if (name !== main) output[name] = content;
    return { ok: true, storyId: id, files: output, warnings: problems };
  },
};

/** An INCLUDEd file, read relative to the source file; only names that stay inside its folder. */
function readInclude(sourcePath: string, name: string): string | undefined {
  const verdict = checkAssetPath(name);
  if (!verdict.ok || verdict.path === INK_SOURCE || verdict.path === 'story.json') return undefined;
  try {
    return readFileSync(join(dirname(sourcePath), verdict.path), 'utf8');
  } catch {
    return undefined;
  }
}
