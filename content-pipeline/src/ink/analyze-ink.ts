import { posix } from 'node:path';
import { Story } from 'inkjs';
import { checkAssetPath } from '../asset-path';
import type { StoryManifest } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';
import { compileInk, type InkMessage } from './compile-ink';
import { planInkChapters, type InkChapterPlan } from './ink-chapters';

// The linter's part for ink stories: compile (every message with file and line), find the
// chapters, and check the art the stage tags name.

export type InkSourceInput = {
  /** The main .ink file, relative to the content dir. */
  file: string;
  /** Its path inside the story folder (the key of `files`). */
  main: string;
  /** Main file and INCLUDEd ones by the name the compiler asks for; empty when the main file cannot be read. */
  files: Record<string, string>;
  /** INCLUDEs that could not be read. */
  missing: InkMessage[];
};

export type InkAnalysis = {
  json: Record<string, unknown>;
  chapters: InkChapterPlan[];
  chapterKnots: string[];
  /** Stage assets named by tags that exist in the story folder, normalized, sorted. */
  assets: string[];
};

const STAGE_TAG = /#\s*(background|music)\s*:\s*([^#\r\n]*?)\s*(?=#|$)/gi;

export function analyzeInk(input: InkSourceInput, manifest: StoryManifest | undefined, assetExists: (relPath: string) => boolean): { problems: ContentProblem[]; ink: InkAnalysis | undefined } {
  const folder = input.file.slice(0, input.file.length - input.main.length);
  const where = (file: string): string => `${folder}${file}`;
  if (!(input.main in input.files)) {
    return { problems: [makeProblem({ code: 'INK_SOURCE_MISSING', file: input.file, reason: `story.json names the ink source "${input.main}", which cannot be read in the story folder` })], ink: undefined };
  }
  const problems: ContentProblem[] = input.missing.map((m) => ({ ...inkProblem(m, where), code: 'INK_INCLUDE_MISSING' }));
  // Without every INCLUDEd file the compiler only says it cannot find one: the missing ones are the problem.
  const compiled = input.missing.length > 0 ? { ok: false as const, messages: [] } : compileInk(input.main, input.files);
  problems.push(...compiled.messages.map((m) => inkProblem(m, where)));

  const assets = new Set<string>();
  for (const [name, text] of Object.entries(input.files)) {
    text.split(/\r?\n/).forEach((line, index) => {
      if (/^\s*\/\//.test(line)) return;
      for (const match of line.matchAll(STAGE_TAG)) {
        const field = match[1]!.toLowerCase();
        const path = match[2]!;
        const verdict = checkAssetPath(path);
        const file = where(name);
        if (!verdict.ok) problems.push(makeProblem({ code: 'BAD_ASSET_PATH', file, line: index + 1, reason: `${field} path "${path}" ${verdict.reason}` }));
        else if (!assetExists(verdict.path)) {
          // A warning, not an error: ink stories brought from elsewhere often name art they never had; the stage simply stays as it is.
          problems.push(makeProblem({ severity: 'warning', code: 'INK_MISSING_ASSET', file, line: index + 1, reason: `${field} "${path}" does not exist in the story folder; the tag is ignored when played` }));
        } else assets.add(verdict.path);
      }
    });
  }
  if (!compiled.ok) return { problems, ink: undefined };
  const external = missingExternal(compiled.json);
  if (external !== undefined) problems.push(makeProblem({ code: 'INK_EXTERNAL_FUNCTION', file: input.file, reason: `${external}; StoryVerse binds no EXTERNAL functions, so give each one a fallback: an ink function of the same name` }));
  if (external !== undefined || manifest === undefined) return { problems, ink: undefined };
  const plan = planInkChapters(compiled.json, manifest.id, manifest.title);
  return { problems, ink: { json: compiled.json, chapters: plan.chapters, chapterKnots: plan.chapterKnots, assets: [...assets].sort() } };
}

/** inkjs's complaint about an EXTERNAL function with no ink fallback, or undefined when there is none. */
function missingExternal(json: Record<string, unknown>): string | undefined {
  const story = new Story(json);
  story.allowExternalFunctionFallbacks = true;
  try {
    story.ValidateExternalBindings();
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).replace(/^ERROR:\s*/, '');
  }
}

function inkProblem(message: InkMessage, where: (file: string) => string): ContentProblem {
  const code = message.severity === 'error' ? 'INK_COMPILE_ERROR' : 'INK_COMPILE_WARNING';
  return makeProblem({ severity: message.severity, code, file: where(posix.normalize(message.file)), line: message.line, reason: message.message });
}
