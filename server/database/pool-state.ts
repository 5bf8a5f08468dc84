import type { MikroORM } from '@mikro-orm/core';

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** The PostgreSQL pool's connections (knex/tarn); null for SQLite, which has no pool. */
export function dbPoolState(orm: MikroORM): { used: number; free: number; pending: number } | null {
  const connection = orm.em.getConnection() as unknown as { getKnex?: () => { client?: { pool?: TarnPool } } };
  const pool = connection.getKnex?.().client?.pool;
  if (!pool || typeof pool.numUsed !== 'function') return null;
  return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() };
}
