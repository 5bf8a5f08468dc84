import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PgbenchFigures {
  /** Transactions per second of `pgbench -N` (the simple-update script without branch/teller updates). */
  tps: number;
  clients: number;
  durationS: number;
  command: string;
}

export class PgbenchUnavailable extends Error {}

/**
 * This machine's write ceiling for PostgreSQL: initialises pgbench's tables in `databaseUrl`
 * (they are its own `pgbench_*` tables: use a scratch database) and runs `pgbench -N`.
 */
export async function runPgbench(databaseUrl: string, options: { clients: number; durationS: number }): Promise<PgbenchFigures> {
  const args = ['-N', '-c', String(options.clients), '-j', '2', '-T', String(options.durationS), databaseUrl];
  try {
    await run('pgbench', ['-i', '-q', '-s', '10', databaseUrl]);
    const { stdout } = await run('pgbench', args, { timeout: (options.durationS + 60) * 1000 });
    return { tps: parseTps(stdout), clients: options.clients, durationS: options.durationS, command: `pgbench ${args.slice(0, -1).join(' ')} <url>` };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PgbenchUnavailable(`pgbench could not run against the given database: ${reason}`);
  }
}

/** `tps = 1234.56 (without initial connection time)` (pgbench 13+), or the older "excluding connections" line. */
export function parseTps(output: string): number {
  const match = /^tps = ([0-9.]+) \((?:without initial connection time|excluding connections establishing)\)/m.exec(output);
  if (!match?.[1]) throw new Error(`no tps line in pgbench output:\n${output}`);
  return Number(match[1]);
}
