import type { MikroORM } from '@mikro-orm/core';
import type { DatabaseConfig } from './orm-options';

/**
 * The hottest statements (a story step saves one row), run straight on the driver with a statement
 * prepared once per connection — the ORM builds, formats and prepares every query anew, which cost
 * more CPU than the write itself. Each call takes a connection from the ORM's own pool, so it waits
 * for (and never runs inside) a transaction that holds it. SQL uses `?` placeholders and plain
 * snake_case names; dates are passed as Date and stored the way the ORM stores them.
 */
export interface PreparedStatements {
  /** Runs one statement on its own (autocommit); answers the number of rows it changed. */
  run(sql: string, params: readonly SqlParam[]): Promise<number>;
}

export type SqlParam = string | number | boolean | Date | null;

interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
}

interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rowCount: number | null }>;
}

export function preparedStatements(orm: MikroORM, kind: DatabaseConfig['kind']): PreparedStatements {
  const knex = (orm.em.getConnection() as unknown as { getKnex(): { client: KnexClient } }).getKnex();
  return kind === 'sqlite' ? new SqliteStatements(knex.client) : new PostgresStatements(knex.client);
}

async function withConnection<C, T>(client: KnexClient, use: (connection: C) => T | Promise<T>): Promise<T> {
  const connection = (await client.acquireConnection()) as C;
  try {
    return await use(connection);
  } finally {
    await client.releaseConnection(connection);
  }
}

class SqliteStatements implements PreparedStatements {
  private readonly prepared = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

  constructor(private readonly client: KnexClient) {}

  run(sql: string, params: readonly SqlParam[]): Promise<number> {
    return withConnection(this.client, (db: SqliteDatabase) => this.statement(db, sql).run(...params.map(toSqlite)).changes);
  }

  private statement(db: SqliteDatabase, sql: string): SqliteStatement {
    let statements = this.prepared.get(db);
    if (!statements) this.prepared.set(db, (statements = new Map()));
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  }
}

/** The ORM keeps SQLite datetimes as epoch milliseconds and booleans as 0/1. */
function toSqlite(param: SqlParam): string | number | null {
  if (param instanceof Date) return param.getTime();
  if (typeof param === 'boolean') return param ? 1 : 0;
  return param;
}

class PostgresStatements implements PreparedStatements {
  private readonly names = new Map<string, { name: string; text: string }>();

  constructor(private readonly client: KnexClient) {}

  run(sql: string, params: readonly SqlParam[]): Promise<number> {
    const { name, text } = this.named(sql);
    // A named statement is parsed and planned once per connection, then only bound and executed.
    return withConnection(this.client, async (pg: PgClient) => (await pg.query({ name, text, values: [...params] })).rowCount ?? 0);
  }

  private named(sql: string): { name: string; text: string } {
    let named = this.names.get(sql);
    if (!named) {
      let index = 0;
      named = { name: `storyverse_${this.names.size + 1}`, text: sql.replace(/\?/g, () => `$${++index}`) };
      this.names.set(sql, named);
    }
    return named;
  }
}
