// The seam between `npm run content -- import` (and the studio's uploads) and each source format.
// An importer is pure: source text in, the files of a story folder out — or every problem it found.
// It never writes, never runs the source, and never passes through anything a browser would run.

/** One complaint about the source, pointing at the line a writer must fix. */
export type ImportProblem = {
  severity: 'error' | 'warning';
  /** SNAKE_CASE, stable (e.g. INK_COMPILE_ERROR, TWINE_JAVASCRIPT, TWINE_UNSUPPORTED_MACRO). */
  code: string;
  /** The source file's name as the writer gave it (the CLI prints it as given). */
  file: string;
  /** 1-based line in that file, when the problem has one. */
  line?: number;
  message: string;
};

export type ImportInput = {
  /** As given on the command line or in the upload: used in problems, and for the extension. */
  fileName: string;
  text: string;
  /** The story id the folder is for (`--id`), else one the importer derives from the title. */
  storyId?: string;
};

export type ImportResult =
  | {
      ok: true;
      storyId: string;
      /** Relative path inside the story folder (forward slashes) → file content. */
      files: Record<string, string>;
      /** Problems that do not stop the import (printed, exit 0). */
      warnings: ImportProblem[];
    }
  | { ok: false; problems: ImportProblem[] };

export interface StoryImporter {
  /** Human name, for usage and messages ("Ink", "Twine"). */
  name: string;
  /** Lower-case, with the dot: ".ink". */
  extensions: readonly string[];
  import(input: ImportInput): ImportResult;
}

/** `file:line: severity CODE: message` — what editors' problem matchers and the acceptance checks read. */
export function formatImportProblem(problem: ImportProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.severity} ${problem.code}: ${problem.message}`;
}

/** A story id from a title: lower-case letters, digits and single hyphens, at most 40 characters. */
export function storyIdFrom(text: string): string {
  const id = text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return id === '' ? 'imported-story' : id;
}
