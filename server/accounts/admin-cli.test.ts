import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/test-database';
import { User, UserRole } from '../database/entities';
import { openDatabase } from '../database/open-database';
import type { DatabaseConfig } from '../database/orm-options';
import { createScratchPostgres, type ScratchPostgres } from '../database/scratch-postgres';

// `npm run admin` as operators run it: its own process, on the database the server is configured
// with (DATA_DIR's SQLite file, or DATABASE_URL), judged by exit code and output.

const CLI = fileURLToPath(new URL('./admin-cli.ts', import.meta.url));
const EMAIL = 'ops.writer@example.test';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describeEachEngine('npm run admin', (engine) => {
  let dataDir: string;
  let scratch: ScratchPostgres | undefined;
  let database: DatabaseConfig;
  let env: NodeJS.ProcessEnv;
  let userId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'storyverse-admin-'));
    scratch = engine === 'postgresql' ? await createScratchPostgres() : undefined;
    database = scratch ? { kind: 'postgresql', url: scratch.url } : { kind: 'sqlite', file: join(dataDir, 'storyverse.sqlite') };
    // Only what the server would read: no DATABASE_URL from the test's own environment for SQLite.
    const { DATABASE_URL: _ignored, DATA_DIR: _alsoIgnored, ...inherited } = process.env;
    env = { ...inherited, DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
    const orm = await openDatabase(database);
    try {
      userId = randomUUID();
      const em = orm.em.fork();
      em.create(User, { id: userId, email: EMAIL, displayName: 'Ops', isGuest: false, createdAt: new Date(), updatedAt: new Date() });
      await em.flush();
    } finally {
      await orm.close(true);
    }
  }, 60_000);
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const admin = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() });
      });
    });

  const storedRoles = async () => {
    const orm = await openDatabase(database);
    try {
      return (await orm.em.fork().find(UserRole, { user: userId })).map((row) => row.role).sort();
    } finally {
      await orm.close(true);
    }
  };

  it('grants a role by email on the configured database, and lists the account\'s roles', async () => {
    expect(await admin('grant', EMAIL.toUpperCase(), 'admin')).toEqual({ code: 0, stdout: `Granted admin to ${EMAIL} (roles: reader, admin)`, stderr: '' });
    expect(await storedRoles()).toEqual(['admin']);
    expect(await admin('roles', EMAIL)).toEqual({ code: 0, stdout: `${EMAIL}: reader, admin`, stderr: '' });
  }, 120_000);

  // Each run costs seconds of CPU; past the database it talks to, the CLI is the same on both engines.
  if (engine !== 'sqlite') return;

  it('a repeated grant changes nothing; revoke takes the role back', async () => {
    expect((await admin('grant', EMAIL, 'admin')).stdout).toBe(`${EMAIL} already has admin; nothing changed (roles: reader, admin)`);
    expect(await admin('revoke', EMAIL, 'admin')).toEqual({ code: 0, stdout: `Revoked admin from ${EMAIL} (roles: reader)`, stderr: '' });
    expect(await storedRoles()).toEqual([]);
  }, 120_000);

  it('an unknown email or role is a clear message and exit code 1; a malformed command is usage and exit code 2', async () => {
    expect(await admin('grant', 'nobody@example.test', 'admin')).toEqual({ code: 1, stdout: '', stderr: 'No account has the email nobody@example.test' });
    expect(await admin('grant', EMAIL, 'superuser')).toEqual({ code: 1, stdout: '', stderr: 'There is no role "superuser"; the roles an operator grants are moderator and admin' });
    const usage = await admin('grant', EMAIL);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: npm run admin -- grant <email> <role>/);
    expect(await storedRoles()).toEqual([]);
  }, 120_000);
});
