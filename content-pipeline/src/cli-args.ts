import { parseArgs } from 'node:util';

// Turns argv into one command, or a usage error the CLI prints with exit code 2. Kept apart
// from running the command so every malformed invocation can be tested without spawning.

export const USAGE = [
  'usage: npm run content -- lint <content-dir> [--strict]',
  '       npm run content -- build <content-dir> --out <out-dir>',
  '       npm run content -- import <file.ink|file.twee|file.html> --out <story-dir> [--id <storyId>] [--force]',
].join('\n');

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'lint'; dir: string; strict: boolean }
  | { kind: 'build'; dir: string; out: string }
  | { kind: 'import'; file: string; out: string; storyId?: string; force: boolean };

export class UsageError extends Error {}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, strict: { type: 'boolean' }, id: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };

  const [command, dir, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command (lint, build or import)');
  if (command !== 'lint' && command !== 'build' && command !== 'import') throw new UsageError(`unknown command "${command}" (expected lint, build or import)`);
  if (dir === undefined) throw new UsageError(`${command}: missing ${command === 'import' ? '<file>' : '<content-dir>'}`);
  if (extra.length > 0) throw new UsageError(`${command}: unexpected argument(s): ${extra.join(' ')}`);
  if (command !== 'import' && (values.id !== undefined || values.force !== undefined)) throw new UsageError(`${command}: --id and --force are for import`);

  if (command === 'import') {
    if (values.strict !== undefined) throw new UsageError('import: --strict is for lint');
    if (values.out === undefined || values.out === '') throw new UsageError('import: missing --out <story-dir>');
    if (values.id !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(values.id)) throw new UsageError(`import: --id "${values.id}" must be lower-case letters, digits and hyphens`);
    return { kind: 'import', file: dir, out: values.out, force: values.force === true, ...(values.id === undefined ? {} : { storyId: values.id }) };
  }

  if (command === 'lint') {
    if (values.out !== undefined) throw new UsageError('lint: --out is for build');
    return { kind: 'lint', dir, strict: values.strict === true };
  }
  // Warnings never stop a build (the server publishes such stories too); gate on them with lint --strict.
  if (values.strict !== undefined) throw new UsageError('build: --strict is for lint; run lint --strict first');
  if (values.out === undefined || values.out === '') throw new UsageError('build: missing --out <out-dir>');
  return { kind: 'build', dir, out: values.out };
}
