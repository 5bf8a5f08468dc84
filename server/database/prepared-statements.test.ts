import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { LedgerEntry, User } from './entities';
import { preparedStatements, type PreparedStatements } from './prepared-statements';

const RENAME_SQL = 'update users set display_name = ?, is_guest = ?, updated_at = ? where id = ? and display_name = ?';

describeOnEngines('prepared statements', (db, engine) => {
  let statements: PreparedStatements;
  let userId: string;

  beforeAll(async () => {
    statements = preparedStatements(db().orm);
    userId = randomUUID();
    const em = db().orm.em.fork();
    em.create(User, { id: userId, displayName: 'Ann', isGuest: true, createdAt: new Date(), updatedAt: new Date() });
    await em.flush();
  });

  const read = () => db().orm.em.fork().findOneOrFail(User, { id: userId });

  it.runIf(engine === 'postgresql')('keeps a single-row statement prepared on its connection, and plans one over arrays at each call', async () => {
    // Distinct texts (a comment with a fresh id), so no other test's statement is counted.
    const tag = randomUUID();
    const single = `select display_name as "name" from users where id = ?::uuid /* single ${tag} */`;
    const batch = `select display_name as "name" from users where id = any(?::uuid[]) /* batch ${tag} */`;
    const prepared = await statements.transaction(async (tx) => {
      expect(await tx.first(single, [userId], { name: 'text' })).toEqual({ name: 'Ann' });
      expect(await tx.all(batch, [[userId, randomUUID()]], { name: 'text' })).toEqual([{ name: 'Ann' }]);
      // The same connection's prepared statements.
      return tx.all<{ text: string }>(`select statement as "text" from pg_prepared_statements where strpos(statement, ?) > 0`, [tag], { text: 'text' });
    });
    expect(prepared.map((p) => p.text.includes('single'))).toEqual([true]);
  });

  it('writes values the ORM reads back the same, dates and booleans included', async () => {
    const at = new Date('2026-05-04T03:02:01.234Z');
    expect(await statements.run(RENAME_SQL, ['Bea', false, at, userId, 'Ann'])).toBe(1);
    const user = await read();
    expect({ displayName: user.displayName, isGuest: user.isGuest, updatedAt: user.updatedAt.toISOString() }).toEqual({ displayName: 'Bea', isGuest: false, updatedAt: at.toISOString() });
  });

  it('answers 0 when the condition matches no row, and changes nothing', async () => {
    expect(await statements.run(RENAME_SQL, ['Cy', true, new Date(), userId, 'Ann'])).toBe(0);
    expect((await read()).displayName).toBe('Bea');
  });

  it('lets exactly one of two racing conditional updates win', async () => {
    const results = await Promise.all(['Dee', 'Eve'].map((name) => statements.run(RENAME_SQL, [name, false, new Date(), userId, 'Bea'])));
    expect(results.sort()).toEqual([0, 1]);
    expect(['Dee', 'Eve']).toContain((await read()).displayName);
  });

  it('waits for a transaction that holds the connection instead of running inside it', async () => {
    const em = db().orm.em.fork();
    const current = (await read()).displayName;
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(User, { id: userId }, { displayName: 'Rolled back' });
      // SQLite: the pool's one connection is held here, so the statement queues instead of joining this transaction.
      // PostgreSQL: it runs on another connection and waits for the row lock.
      const pending = statements.run(RENAME_SQL, ['Fay', false, new Date(), userId, current]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw Object.assign(new Error('roll back'), { pending });
    }).catch(async (error: { pending?: Promise<number> }) => {
      expect(await error.pending).toBe(1);
    });
    expect((await read()).displayName).toBe('Fay');
  });

  describe('first', () => {
    const LEDGER_SQL = 'select reason, delta, metadata, created_at as "createdAt" from currency_ledger where user_id = ? and idempotency_key = ?';
    const shape = { reason: 'text', delta: 'integer', metadata: 'json', createdAt: 'date' } as const;
    const at = new Date('2026-03-02T01:00:00.500Z');

    beforeAll(async () => {
      const em = db().orm.em.fork();
      em.create(LedgerEntry, { user: userId, currency: 'diamonds', delta: -7, balanceAfter: 3, reason: 'premium_choice', idempotencyKey: 'with-metadata', metadata: { choiceId: 'left', path: [1, 2] }, createdAt: at });
      em.create(LedgerEntry, { user: userId, currency: 'keys', delta: 1, balanceAfter: 1, reason: 'welcome', idempotencyKey: 'without-metadata', metadata: null, createdAt: at });
      await em.flush();
    });

    it('reads text, integers, JSON and dates the same on either engine', async () => {
      expect(await statements.first(LEDGER_SQL, [userId, 'with-metadata'], shape)).toEqual({ reason: 'premium_choice', delta: -7, metadata: { choiceId: 'left', path: [1, 2] }, createdAt: at });
      expect(await statements.first(LEDGER_SQL, [userId, 'without-metadata'], shape)).toMatchObject({ reason: 'welcome', metadata: null });
    });

    it('answers null when no row matches', async () => {
      expect(await statements.first(LEDGER_SQL, [userId, 'no-such-key'], shape)).toBeNull();
    });

    it('says which column a query forgot to select', async () => {
      await expect(statements.first('select reason from currency_ledger where user_id = ? and idempotency_key = ?', [userId, 'with-metadata'], shape)).rejects.toThrow('the query selects no column "delta"');
    });
  });

  describe('within a transaction', () => {
    const INSERT_SQL = 'insert into currency_ledger (user_id, currency, delta, balance_after, reason, idempotency_key, metadata, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id';
    const COUNT_SQL = 'select count(*) as "count" from currency_ledger where user_id = ? and idempotency_key = ?';
    const entry = (key: string) => [userId, 'keys', 1, 1, 'test', key, null, new Date()];
    const countOf = async (key: string) => (await statements.first<{ count: number }>(COUNT_SQL, [userId, key], { count: 'integer' }))?.count;

    it('runs on the transaction\'s connection and rolls back with it', async () => {
      await db().orm.em.fork().transactional(async (tx) => {
        await statements.first(INSERT_SQL, entry('rolled-back'), { id: 'integer' }, tx);
        expect(await statements.first<{ count: number }>(COUNT_SQL, [userId, 'rolled-back'], { count: 'integer' }, tx)).toEqual({ count: 1 });
        throw new Error('roll back');
      }).catch((error: Error) => expect(error.message).toBe('roll back'));
      expect(await countOf('rolled-back')).toBe(0);
    });

    it('commits with the transaction, and reports a duplicate key as the ORM\'s unique-constraint exception', async () => {
      await db().orm.em.fork().transactional((tx) => statements.first(INSERT_SQL, entry('committed'), { id: 'integer' }, tx));
      expect(await countOf('committed')).toBe(1);
      await expect(statements.first(INSERT_SQL, entry('committed'), { id: 'integer' })).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    });
  });
  describe('many rows', () => {
    const INSERT_SQL = 'insert into currency_ledger (user_id, currency, delta, balance_after, reason, idempotency_key, metadata, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)';
    const KEYS_SQL = 'select idempotency_key as "key", delta from currency_ledger where user_id = ? and reason = ? order by idempotency_key';
    const entry = (key: string, delta = 1) => [userId, 'keys', delta, 1, 'many', key, null, new Date()];
    const rows = () => statements.all(KEYS_SQL, [userId, 'many'], { key: 'text', delta: 'integer' });

    const insertEach = (keys: [string, number?][]) => statements.transaction(async (tx) => {
      const changes: number[] = [];
      for (const [key, delta] of keys) changes.push(await tx.run(INSERT_SQL, entry(key, delta)));
      return changes;
    });

    it('a transaction runs its statements on one connection and commits them together', async () => {
      expect(await insertEach([['m1'], ['m2', 2]])).toEqual([1, 1]);
      const answered = await statements.transaction(async (tx) => {
        const changed = [await tx.run('update currency_ledger set delta = ? where user_id = ? and idempotency_key = ?', [5, userId, 'm1']), await tx.run('update currency_ledger set delta = ? where user_id = ? and idempotency_key = ?', [5, userId, 'nothing'])];
        // Its own writes are visible to its next statement before the commit.
        return { changed, seen: await tx.first('select delta from currency_ledger where user_id = ? and idempotency_key = ?', [userId, 'm1'], { delta: 'integer' }) };
      });
      expect(answered).toEqual({ changed: [1, 0], seen: { delta: 5 } });
      expect(await rows()).toEqual([{ key: 'm1', delta: 5 }, { key: 'm2', delta: 2 }]);
    });

    it('a transaction that fails rolls every statement back, with the ORM\'s exception', async () => {
      await expect(insertEach([['m3'], ['m1']])).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      await expect(statements.transaction(async (tx) => {
        await tx.run(INSERT_SQL, entry('m4'));
        throw new Error('changed my mind');
      })).rejects.toThrow('changed my mind');
      expect((await rows()).map((r) => r.key)).toEqual(['m1', 'm2']);
      // The connection is usable afterwards (the failed transaction was rolled back, not left open).
      expect(await insertEach([['m3']])).toEqual([1]);
    });

    it('all answers every row, and none when nothing matches', async () => {
      expect((await rows()).map((r) => r.key)).toEqual(['m1', 'm2', 'm3']);
      expect(await statements.all(KEYS_SQL, [userId, 'no-such-reason'], { key: 'text', delta: 'integer' })).toEqual([]);
    });
  });
});
