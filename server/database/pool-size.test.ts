import type { MikroORM } from '@mikro-orm/core';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/test-database';
import { DEFAULT_DATABASE_POOL_SIZE } from '../config/config';
import { openDatabase } from './open-database';
import { ormOptions } from './orm-options';
import { dbPoolState } from './pool-state';
import { createScratchPostgres, type ScratchPostgres } from './scratch-postgres';

describeEachEngine('the database pool', (engine) => {
  if (engine === 'sqlite') {
    it('SQLite has no pool to size', () => {
      expect(ormOptions({ kind: 'sqlite', file: ':memory:' }).pool?.max).toBeUndefined();
    });
    return;
  }

  let scratch: ScratchPostgres;
  let orm: MikroORM;
  beforeAll(async () => {
    scratch = await createScratchPostgres();
    orm = await openDatabase({ kind: 'postgresql', url: scratch.url, poolSize: 3 });
  }, 60_000);
  afterAll(async () => {
    await orm?.close(true);
    await scratch?.drop();
  });

  it(`opens ${DEFAULT_DATABASE_POOL_SIZE} connections at most unless told otherwise`, () => {
    expect(ormOptions({ kind: 'postgresql', url: 'postgres://u@db/sv' }).pool?.max).toBe(DEFAULT_DATABASE_POOL_SIZE);
  });

  it('opens no more connections than DATABASE_POOL_SIZE: the rest of the queries wait for one', async () => {
    const connection = orm.em.getConnection();
    const database = new URL(scratch.url).pathname.slice(1);
    const sleeping = Array.from({ length: 7 }, () => connection.execute('select pg_sleep(0.5)'));
    // Asked from outside the pool, which is full until the sleeps end.
    const watcher = new pg.Client({ connectionString: scratch.url });
    await watcher.connect();
    try {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const { rows } = await watcher.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = $1 and state = 'active' and query like 'select pg_sleep%'`, [database]);
      expect(Number(rows[0]!.n)).toBe(3);
      expect(dbPoolState(orm)).toEqual({ used: 3, free: 0, pending: 4 });
    } finally {
      await watcher.end();
    }
    await Promise.all(sleeping);
    expect(dbPoolState(orm)).toMatchObject({ used: 0, pending: 0 });
  });
});
