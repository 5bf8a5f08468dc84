import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { MigrationObject, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { DEFAULT_DATABASE_POOL_SIZE, type Config } from '../config/config';
import { allEntities } from './entities';
import { postgresqlMigrations } from './migrations/postgresql';
import { sqliteMigrations } from './migrations/sqlite';

export type DatabaseConfig = Config['database'];

/** MikroORM options for either engine. Schema changes go through the engine's migrations, never sync. */
export function ormOptions(database: DatabaseConfig): Options {
  const common = {
    entities: allEntities,
    extensions: [Migrator],
    allowGlobalContext: false,
    discovery: { disableDynamicFileAccess: true },
    debug: false,
    forceUtcTimezone: true,
  } satisfies Options;
  if (database.kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: database.url,
      pool: { min: 0, max: database.poolSize ?? DEFAULT_DATABASE_POOL_SIZE },
      migrations: migrationOptions(postgresqlMigrations, 'postgresql'),
    };
  }
  return {
    ...common,
    driver: BetterSqliteDriver,
    dbName: database.file,
    pool: {
      // One writer at a time is SQLite's model: WAL lets readers go on beside it, and the busy
      // timeout makes another process (a CLI, a migration) wait instead of failing.
      afterCreate: (connection: { pragma(sql: string): unknown }, done: (error: Error | null, connection: unknown) => void) => {
        connection.pragma('journal_mode = WAL');
        connection.pragma('busy_timeout = 5000');
        connection.pragma('foreign_keys = ON');
        done(null, connection);
      },
    },
    migrations: migrationOptions(sqliteMigrations, 'sqlite'),
  };
}

function migrationOptions(list: MigrationObject[], folder: string): Options['migrations'] {
  return {
    migrationsList: list,
    path: new URL(`./migrations/${folder}`, import.meta.url).pathname,
    transactional: true,
    allOrNothing: true,
    silent: true,
    snapshot: false,
    emit: 'ts',
    fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? '_' + name : ''}`,
  };
}
