import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests and tools use to make throwaway databases; trust auth on localhost here. */
export const POSTGRES_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchPostgres {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database with a random name; `drop()` removes it. */
export async function createScratchPostgres(adminUrl = POSTGRES_ADMIN_URL): Promise<ScratchPostgres> {
  const name = `sv_scratch_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** True when a PostgreSQL server answers at the admin URL. */
export async function postgresReachable(adminUrl = POSTGRES_ADMIN_URL): Promise<boolean> {
  try {
    await withAdmin(adminUrl, (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
