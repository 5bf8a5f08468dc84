import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

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
  /**
   * Reads the first row of a query, or null. Each selected column is aliased to a key of `shape`
   * (`select scene_id as "sceneId"`), which says how to read it the same way on either engine.
   */
  first<T extends object>(sql: string, params: readonly SqlParam[], shape: RowShape<T>): Promise<T | null>;
}

export type SqlParam = string | number | boolean | Date | null;

/** How a selected column is read: SQLite keeps JSON as text and dates as epoch milliseconds. */
export type ColumnKind = 'text' | 'integer' | 'json' | 'date';
export type RowShape<T> = { readonly [K in keyof T]: ColumnKind };

interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): Record<string, unknown> | undefined;
}

interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rowCount: number | null; rows: Record<string, unknown>[] }>;
}

export function preparedStatements(orm: MikroORM): PreparedStatements {
  const knex = (orm.em.getConnection() as unknown as { getKnex(): { client: KnexClient } }).getKnex();
  const driver = orm.config.get('driver');
  if (driver === BetterSqliteDriver) return new SqliteStatements(knex.client);
  if (driver === PostgreSqlDriver) return new PostgresStatements(knex.client);
  throw new Error(`prepared statements support SQLite and PostgreSQL, not ${driver?.name ?? 'this driver'}`);
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

  first<T extends object>(sql: string, params: readonly SqlParam[], shape: RowShape<T>): Promise<T | null> {
    return withConnection(this.client, (db: SqliteDatabase) => decodeRow(this.statement(db, sql).get(...params.map(toSqlite)), shape));
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

  first<T extends object>(sql: string, params: readonly SqlParam[], shape: RowShape<T>): Promise<T | null> {
    const { name, text } = this.named(sql);
    return withConnection(this.client, async (pg: PgClient) => decodeRow((await pg.query({ name, text, values: [...params] })).rows[0], shape));
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

function decodeRow<T extends object>(row: Record<string, unknown> | undefined, shape: RowShape<T>): T | null {
  if (!row) return null;
  const decoded: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(shape) as [string, ColumnKind][]) {
    if (!(key in row)) throw new Error(`the query selects no column "${key}" (alias it: as "${key}")`);
    decoded[key] = decodeValue(row[key], kind);
  }
  return decoded as T;
}

function decodeValue(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return String(value);
    case 'integer':
      return Number(value);
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'date':
      return value instanceof Date ? value : new Date(value as number | string);
  }
}
