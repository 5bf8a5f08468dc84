import { parseArgs } from 'node:util';

// Turns argv into one command, or a usage error the CLI prints with exit code 2. Kept apart
// from running the command so every malformed invocation can be tested without spawning.

export const USAGE = [
  'usage: npm run content -- lint <content-dir> [--strict]',
  '       npm run content -- build <content-dir> --out <out-dir>',
].join('\n');

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'lint'; dir: string; strict: boolean }
  | { kind: 'build'; dir: string; out: string };

export class UsageError extends Error {}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, strict: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };

  const [command, dir, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command (lint or build)');
  if (command !== 'lint' && command !== 'build') throw new UsageError(`unknown command "${command}" (expected lint or build)`);
  if (dir === undefined) throw new UsageError(`${command}: missing <content-dir>`);
  if (extra.length > 0) throw new UsageError(`${command}: unexpected argument(s): ${extra.join(' ')}`);

  if (command === 'lint') {
    if (values.out !== undefined) throw new UsageError('lint: --out is for build');
    return { kind: 'lint', dir, strict: values.strict === true };
  }
  // Warnings never stop a build (the server publishes such stories too); gate on them with lint --strict.
  if (values.strict !== undefined) throw new UsageError('build: --strict is for lint; run lint --strict first');
  if (values.out === undefined || values.out === '') throw new UsageError('build: missing --out <out-dir>');
  return { kind: 'build', dir, out: values.out };
}
