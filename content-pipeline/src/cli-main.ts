import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { buildContent, outDirProblem } from './build-bundles';
import { parseCliArgs, USAGE, UsageError, type CliCommand } from './cli-args';
import { foldersWithErrors, hasErrors, type ContentProblem } from './content-problem';
import { importStoryFile, ImportUsageError } from './import/import-story-file';
import { formatImportProblem } from './import/story-importer';
import { loadContentDir } from './load-content';
import { isFile, STORY_MANIFEST, WORLD_MANIFEST } from './scan-content-dir';
import { formatProblemLine, lintSummary, plural, sortProblems } from './problem-report';

// The content CLI without the process around it: it takes argv and two line sinks and
// returns the exit code, so cli.ts stays a two-line shim.
//
// Exit codes: 0 clean (warnings allowed), 1 content errors (or warnings under lint --strict,
// or a build that failed on disk), 2 usage errors (the command line itself is wrong).

const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;

export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Relative paths on the command line are resolved against it. */
  cwd: string;
};

export async function runContentCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
    if (command.kind === 'help') {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (command.kind !== 'import') await requireDirectory(resolve(io.cwd, command.dir));
    const misplaced = command.kind === 'build' ? outDirProblem(resolve(io.cwd, command.dir), resolve(io.cwd, command.out)) : undefined;
    if (misplaced !== undefined) throw new UsageError(misplaced);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`content: ${error.message}`);
    io.err(USAGE);
    return EXIT_USAGE;
  }

  try {
    if (command.kind === 'import') return await runImport(command, io);
    return command.kind === 'lint' ? await lint(command, io) : await build(command, io);
  } catch (error) {
    if (error instanceof ImportUsageError) {
      io.err(`content: import: ${error.message}`);
      return EXIT_USAGE;
    }
    io.err(`content: ${command.kind} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_PROBLEMS;
  }
}

async function lint({ dir, strict }: { dir: string; strict: boolean }, io: CliIo): Promise<number> {
  const { stories, problems } = await loadLintTarget(resolve(io.cwd, dir));
  for (const problem of sortProblems(problems)) io.out(formatProblemLine(problem));
  io.out(lintSummary(stories.length + foldersWithErrors(problems).length, problems) + (strict ? ' (--strict: warnings fail)' : ''));
  const fails = hasErrors(problems) || (strict && problems.length > 0);
  return fails ? EXIT_PROBLEMS : EXIT_OK;
}

/**
 * A content dir, or one story (or world) folder in it: a folder with its own manifest is checked as
 * part of its parent — so ids are still compared with its neighbours — reporting only its problems.
 */
async function loadLintTarget(dir: string): Promise<{ stories: unknown[]; problems: ContentProblem[] }> {
  const single = (await isFile(join(dir, STORY_MANIFEST))) || (await isFile(join(dir, WORLD_MANIFEST)));
  if (!single) return loadContentDir(dir);
  const name = basename(dir);
  const { problems } = await loadContentDir(dirname(dir));
  const mine = problems.filter((p) => p.file === name || p.file.startsWith(`${name}/`));
  // One folder checked: counted once, as loaded or as a folder with errors.
  return { stories: hasErrors(mine) ? [] : [dir], problems: mine };
}

async function build({ dir, out }: { dir: string; out: string }, io: CliIo): Promise<number> {
  const report = await buildContent(resolve(io.cwd, dir), resolve(io.cwd, out));
  for (const problem of sortProblems(report.problems)) io.out(formatProblemLine(problem));
  // Only what changed on disk is listed; files already in place are just counted.
  for (const file of report.files) if (file.status !== 'unchanged') io.out(`${file.status} ${join(out, file.path)}`);

  const stories = report.manifest.stories;
  const count = (status: string): number => report.files.filter((f) => f.status === status).length;
  io.out(lintSummary(stories.length + report.refused.length, report.problems));
  io.out(
    `built ${plural(stories.length, 'story', 'stories')} (${plural(stories.reduce((n, s) => n + s.chapters.length, 0), 'chapter')}) into ${out}: ` +
      `${count('written')} written, ${count('updated')} updated, ${count('unchanged')} unchanged` +
      (report.refused.length > 0 ? `; refused (nothing written): ${report.refused.join(', ')}` : ''),
  );
  return hasErrors(report.problems) ? EXIT_PROBLEMS : EXIT_OK;
}

async function runImport(command: Extract<CliCommand, { kind: 'import' }>, io: CliIo): Promise<number> {
  const report = await importStoryFile(resolve(io.cwd, command.file), resolve(io.cwd, command.out), {
    force: command.force,
    ...(command.storyId === undefined ? {} : { storyId: command.storyId }),
  });
  const problems = report.ok ? report.warnings : report.problems;
  for (const problem of problems) io.out(formatImportProblem(problem));
  for (const problem of sortProblems(report.lintProblems)) io.out(formatProblemLine(problem));
  if (!report.ok) {
    io.out(`import failed: nothing written to ${command.out}`);
    return EXIT_PROBLEMS;
  }
  io.out(`imported story "${report.storyId}" into ${command.out}: ${plural(report.files.length, 'file')}`);
  return EXIT_OK;
}

async function requireDirectory(path: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) throw new UsageError(`content dir ${path} does not exist`);
  if (!found.isDirectory()) throw new UsageError(`content dir ${path} is not a directory`);
}
