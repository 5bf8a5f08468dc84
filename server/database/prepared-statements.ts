import { createHash } from 'node:crypto';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/**
 * The hottest statements (a story step saves one row, a join reads two, a chapter's key is one short
 * transaction), run straight on the driver with a statement prepared once per connection — the ORM
 * builds, formats and prepares every query anew, which cost more CPU than the query itself.
 *
 * Without `within`, a call takes a connection from the ORM's own pool, so it waits for (and never
 * runs inside) a transaction that holds it. With `within` — an entity manager inside
 * `transactional()` — it runs on that transaction's connection and commits or rolls back with it.
 * Driver errors come back as the ORM's exceptions (UniqueConstraintViolationException, …), the same
 * as from the ORM's own queries. SQL uses `?` placeholders and plain snake_case names; dates are
 * passed as Date and stored the way the ORM stores them, JSON columns as JSON text.
 */
export interface PreparedStatements extends StatementRunner {
  /** Runs one statement; answers the number of rows it changed. */
  run(sql: string, params: readonly SqlParam[], within?: EntityManager): Promise<number>;
  /**
   * The first row of a query (or of an `insert/update … returning`), or null. Each selected column
   * is aliased to a key of `shape` (`select scene_id as "sceneId"`), which says how to read it the
   * same way on either engine.
   */
  first<T extends object>(sql: string, params: readonly SqlParam[], shape: RowShape<T>, within?: EntityManager): Promise<T | null>;
  /**
   * Runs `work` in one transaction on one connection (begin … commit, no ORM in between): what its
   * statements wrote commits together, or — when `work` throws — none of it does.
   */
  transaction<R>(work: (tx: StatementRunner) => Promise<R>): Promise<R>;
}

/** Statements on one connection: the pool's (each statement commits by itself) or a transaction's. */
export interface StatementRunner {
  run(sql: string, params: readonly SqlParam[]): Promise<number>;
  first<T extends object>(sql: string, params: readonly SqlParam[], shape: RowShape<T>): Promise<T | null>;
  /** Every row of a query (or of an `… returning`), read as `first` reads one. */
  all<T extends object>(sql: string, params: readonly SqlParam[], shape: RowShape<T>): Promise<T[]>;
  /** Which engine runs them: a caller may choose a statement only one engine has (PostgreSQL's arrays). */
  readonly dialect: 'sqlite' | 'postgresql';
}

/** Arrays are PostgreSQL array parameters (`?::text[]`); SQLite has none. */
export type SqlParam = string | number | boolean | Date | null | readonly (string | number | null)[];

/** How a selected column is read: SQLite keeps JSON as text and dates as epoch milliseconds. */
export type ColumnKind = 'text' | 'integer' | 'json' | 'date';
export type RowShape<T> = { readonly [K in keyof T]: ColumnKind };

interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

interface Outcome {
  changes: number;
  rows: Record<string, unknown>[];
}

export function preparedStatements(orm: MikroORM): PreparedStatements {
  const knex = (orm.em.getConnection() as unknown as { getKnex(): { client: KnexClient } }).getKnex();
  const driver = orm.em.getDriver();
  const convert = (error: unknown) => driver.convertException(error as Error);
  const kind = orm.config.get('driver');
  if (kind === BetterSqliteDriver) return new SqliteStatements(knex.client, convert);
  if (kind === PostgreSqlDriver) return new PostgresStatements(knex.client, convert);
  throw new Error(`prepared statements support SQLite and PostgreSQL, not ${kind?.name ?? 'this driver'}`);
}

abstract class DriverStatements<Connection> implements PreparedStatements {
  abstract readonly dialect: 'sqlite' | 'postgresql';

  constructor(private readonly pool: KnexClient, private readonly convert: (error: unknown) => Error) {}

  async run(sql: string, params: readonly SqlParam[], within?: EntityManager): Promise<number> {
    return (await this.execute((c) => this.executeOn(c, sql, params, false), within)).changes;
  }

  async first<T extends object>(sql: string, params: readonly SqlParam[], shape: RowShape<T>, within?: EntityManager): Promise<T | null> {
    return decodeRow((await this.execute((c) => this.executeOn(c, sql, params, true), within)).rows[0], shape);
  }

  async all<T extends object>(sql: string, params: readonly SqlParam[], shape: RowShape<T>): Promise<T[]> {
    return (await this.execute((c) => this.executeOn(c, sql, params, true))).rows.map((row) => decodeRow(row, shape)!);
  }

  async transaction<R>(work: (tx: StatementRunner) => Promise<R>): Promise<R> {
    return this.execute(async (connection) => {
      await this.executeOn(connection, 'begin', [], false);
      try {
        const result = await work(this.on(connection));
        await this.executeOn(connection, 'commit', [], false);
        return result;
      } catch (error) {
        await Promise.resolve(this.executeOn(connection, 'rollback', [], false)).catch(() => undefined);
        throw error;
      }
    });
  }

  /** The statements of a transaction's connection; their errors come back as the ORM's exceptions, as everywhere else. */
  private on(connection: Connection): StatementRunner {
    const execute = async (sql: string, params: readonly SqlParam[], returnsRows: boolean): Promise<Outcome> => {
      try {
        return await this.executeOn(connection, sql, params, returnsRows);
      } catch (error) {
        throw this.convert(error);
      }
    };
    return {
      dialect: this.dialect,
      run: async (sql, params) => (await execute(sql, params, false)).changes,
      first: async (sql, params, shape) => decodeRow((await execute(sql, params, true)).rows[0], shape),
      all: async (sql, params, shape) => (await execute(sql, params, true)).rows.map((row) => decodeRow(row, shape)!),
    };
  }

  protected abstract executeOn(connection: Connection, sql: string, params: readonly SqlParam[], returnsRows: boolean): Outcome | Promise<Outcome>;

  private async execute<R>(work: (connection: Connection) => R | Promise<R>, within?: EntityManager): Promise<R> {
    // A knex transaction's client hands out the transaction's own connection and never releases it.
    const transaction = within?.getTransactionContext<{ client: KnexClient }>();
    const client = transaction?.client ?? this.pool;
    const connection = (await client.acquireConnection()) as Connection;
    try {
      return await work(connection);
    } catch (error) {
      throw this.convert(error);
    } finally {
      await client.releaseConnection(connection);
    }
  }
}

interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): Record<string, unknown>[];
}

interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

class SqliteStatements extends DriverStatements<SqliteDatabase> {
  readonly dialect = 'sqlite';
  private readonly prepared = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

  protected executeOn(db: SqliteDatabase, sql: string, params: readonly SqlParam[], returnsRows: boolean): Outcome {
    const statement = this.statement(db, sql);
    const values = params.map(toSqlite);
    if (returnsRows) return { changes: 0, rows: statement.all(...values) };
    return { changes: statement.run(...values).changes, rows: [] };
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
  if (Array.isArray(param)) throw new Error('SQLite has no array parameters');
  return param as string | number | null;
}

interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rowCount: number | null; rows: Record<string, unknown>[] }>;
}

class PostgresStatements extends DriverStatements<PgClient> {
  readonly dialect = 'postgresql';
  private readonly names = new Map<string, { name: string; text: string }>();

  protected async executeOn(pg: PgClient, sql: string, params: readonly SqlParam[]): Promise<Outcome> {
    // A named statement is parsed and planned once per connection, then only bound and executed —
    // except one over arrays (a batch), planned for its arrays at each call: PostgreSQL keeps a named
    // statement's generic plan, made for ~10 rows against the table as it was then, and a batch's join
    // planned while a table was small stayed a sequential scan of it as it grew (14.5 million rows
    // read in a 6,000-reader run). One plan per batch is cheap; one per single-row statement would not be.
    const named = this.named(sql);
    const values = params.map(toPostgres);
    const result = await pg.query(params.some(Array.isArray) ? { text: named.text, values } : { ...named, values });
    return { changes: result.rowCount ?? 0, rows: result.rows };
  }

  private named(sql: string): { name: string; text: string } {
    let named = this.names.get(sql);
    if (!named) {
      let index = 0;
      // Named by content: every instance over the same pool (tests make several) agrees on each name.
      named = { name: `storyverse_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text: sql.replace(/\?/g, () => `$${++index}`) };
      this.names.set(sql, named);
    }
    return named;
  }
}

/** ISO-8601 with its zone, which timestamptz reads exactly: cheaper than the driver's local-time formatting of a Date. */
function toPostgres(param: SqlParam): SqlParam {
  return param instanceof Date ? param.toISOString() : param;
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
