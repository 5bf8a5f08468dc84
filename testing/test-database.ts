import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase } from '../server/database/open-database';
import type { DatabaseConfig } from '../server/database/orm-options';
import { createScratchPostgres, postgresReachable, POSTGRES_ADMIN_URL, type ScratchPostgres } from '../server/database/scratch-postgres';

export type Engine = 'sqlite' | 'postgresql';
export const ENGINES: Engine[] = ['sqlite', 'postgresql'];

const requireServices = process.env.REQUIRE_SERVICES === '1';
const postgresUp = await postgresReachable();

export interface TestDatabase {
  orm: MikroORM;
  config: DatabaseConfig;
  close(): Promise<void>;
}

/** A fresh, migrated database: SQLite in memory, or a scratch PostgreSQL database dropped on close. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  let scratch: ScratchPostgres | undefined;
  let config: DatabaseConfig;
  if (engine === 'postgresql') {
    scratch = await createScratchPostgres();
    config = { kind: 'postgresql', url: scratch.url };
  } else {
    config = { kind: 'sqlite', file: ':memory:' };
  }
  const orm = await openDatabase(config);
  return {
    orm,
    config,
    close: async () => {
      await orm.close(true);
      await scratch?.drop();
    },
  };
}

/**
 * Declares a suite once per engine. Without PostgreSQL the PostgreSQL run is skipped loudly — or
 * fails, when REQUIRE_SERVICES=1 (as in CI).
 */
export function describeEachEngine(title: string, body: (engine: Engine) => void): void {
  for (const engine of ENGINES) {
    const name = `${title} [${engine}]`;
    if (engine === 'postgresql' && !postgresUp) {
      const why = `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (set TEST_DATABASE_URL)`;
      if (requireServices) {
        describe(name, () => it('needs PostgreSQL', () => { throw new Error(`REQUIRE_SERVICES=1 but ${why}`); }));
      } else {
        console.warn(`\n⚠️  SKIPPED "${name}": ${why}\n`);
        describe.skip(name, () => it('needs PostgreSQL', () => undefined));
      }
      continue;
    }
    describe(name, () => body(engine));
  }
}

/** Runs a suite once per engine against a fresh, migrated database. */
export function describeOnEngines(title: string, body: (db: () => TestDatabase, engine: Engine) => void): void {
  describeEachEngine(title, (engine) => {
    let db: TestDatabase | undefined;
    beforeAll(async () => { db = await openTestDatabase(engine); }, 60_000);
    afterAll(async () => { await db?.close(); });
    body(() => {
      if (!db) throw new Error('test database not open yet');
      return db;
    }, engine);
  });
}
