import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { scopeAsyncContexts } from './async-context-scope';
import { ormOptions, type DatabaseConfig } from './orm-options';

/**
 * Opens the database and brings its schema up to date with the engine's migrations. MikroORM's
 * async contexts are scoped first, so its writes leave no promise hooks on (async-context-scope.ts).
 */
export async function openDatabase(database: DatabaseConfig): Promise<MikroORM> {
  await scopeAsyncContexts();
  if (database.kind === 'sqlite' && database.file !== ':memory:') mkdirSync(dirname(database.file), { recursive: true });
  const orm = await MikroORM.init(ormOptions(database));
  await orm.getMigrator().up();
  return orm;
}
