import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../../src/db/connection.js';

/**
 * The integration suite runs every scenario on PGlite and on a real PostgreSQL server.
 * scripts/test.sh starts a throwaway cluster and sets TEST_DATABASE_URL (a superuser URL);
 * each test database is created fresh and dropped afterwards.
 */
export type DatabaseKind = 'pglite' | 'postgres';

const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl && process.env.REQUIRE_POSTGRES === '1') {
  throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: run the suite through `npm test`.');
}

export const databaseKinds: DatabaseKind[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  /** A superuser connection string (postgres only), for tampering tests and second app instances. */
  url?: string;
  /** Runs SQL as a superuser, bypassing the application (tamper tests). */
  superuserQuery(sqlText: string): Promise<unknown[]>;
}

/** `connectionTimeoutMs`: how long a request waits for one of the 20 connections (the race tests queue 100 on them). */
export async function createTestDatabase(kind: DatabaseKind, options: { connectionTimeoutMs?: number; poolSize?: number } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ pgliteDir: 'memory://' });
    const client = (database.db as unknown as { $client: { exec: (s: string) => Promise<Array<{ rows: unknown[] }>> } }).$client;
    return { ...database, superuserQuery: async (s) => (await client.exec(s)).at(-1)?.rows ?? [] };
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: options.poolSize ?? 20, connectionTimeoutMs: options.connectionTimeoutMs });
  return {
    ...database,
    url: url.toString(),
    superuserQuery: async (s) => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(s)).rows;
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
