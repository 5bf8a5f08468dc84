import { Compiler, CompilerOptions, JsonFileHandler } from 'inkjs/full';

// The one place ink source is compiled (importer, linter, loader, builder): inkjs's own compiler,
// every message it gives turned into file + line. Visits are counted everywhere because the story
// engine finds chapter boundaries by the visit counts of chapter knots.

export type InkMessage = { severity: 'error' | 'warning'; file: string; line?: number; message: string };

export type InkCompileResult = { ok: true; json: Record<string, unknown>; messages: InkMessage[] } | { ok: false; messages: InkMessage[] };

/** inkjs reports e.g. `ERROR: 'tale.ink' line 12: Unexpected token`. */
const MESSAGE = /^(ERROR|WARNING|TODO|RUNTIME ERROR|RUNTIME WARNING):\s*(?:'([^']*)'\s*)?(?:line (\d+):\s*)?([\s\S]*)$/;

/**
 * Compiles `files[main]`; INCLUDEd files must be in `files` under the name the INCLUDE line uses
 * (collectIncludes finds them). Never throws on bad ink: every problem comes back as a message.
 */
export function compileInk(main: string, files: Record<string, string>): InkCompileResult {
  const messages: InkMessage[] = [];
  const onMessage = (text: string): void => {
    const match = MESSAGE.exec(text.trim());
    if (!match) {
      messages.push({ severity: 'error', file: main, message: text.trim() });
      return;
    }
    const severity = match[1] === 'ERROR' || match[1] === 'RUNTIME ERROR' ? 'error' : 'warning';
    messages.push({ severity, file: match[2] ?? main, ...(match[3] === undefined ? {} : { line: Number(match[3]) }), message: match[4]!.trim() });
  };
  try {
    const compiler = new Compiler(files[main] ?? '', new CompilerOptions(main, [], true, onMessage, new JsonFileHandler(files)));
    const story = compiler.Compile();
    const json = story.ToJson();
    if (messages.some((m) => m.severity === 'error') || json === undefined) return { ok: false, messages };
    return { ok: true, json: JSON.parse(json) as Record<string, unknown>, messages };
  } catch (error) {
    if (!messages.some((m) => m.severity === 'error')) messages.push({ severity: 'error', file: main, message: error instanceof Error ? error.message : String(error) });
    return { ok: false, messages };
  }
}

const INCLUDE = /^\s*INCLUDE\s+(.+?)\s*$/;

/**
 * The main file and every file it INCLUDEs (recursively), read through `read` by the name the
 * INCLUDE line gives (relative to the main file's folder); names that cannot be read come back as
 * problems with the INCLUDE's line.
 */
export function collectIncludes(main: string, mainText: string, read: (name: string) => string | undefined): { files: Record<string, string>; missing: InkMessage[] } {
  const files: Record<string, string> = { [main]: mainText };
  const missing: InkMessage[] = [];
  const queue = [main];
  while (queue.length > 0) {
    const file = queue.shift()!;
    files[file]!.split(/\r?\n/).forEach((text, index) => {
      const name = INCLUDE.exec(text)?.[1];
      if (name === undefined || name in files) return;
      const content = read(name);
      if (content === undefined) {
        missing.push({ severity: 'error', file, line: index + 1, message: `INCLUDE ${name}: the file cannot be read (it must sit beside ${main}, in the same folder or below)` });
        return;
      }
      files[name] = content;
      queue.push(name);
    });
  }
  return { files, missing };
}
