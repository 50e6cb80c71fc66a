import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { budget } from '../support/budget.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

/**
 * A PostgreSQL transaction gives its pooled connection back however it ends (db/pg-drizzle.ts).
 * With one connection in the pool, a single lost connection shows as the next query waiting
 * forever, so each check bounds that query.
 */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

async function backendPid(db: Db): Promise<number> {
  const result = await db.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
  return result.rows[0].pid;
}

async function withOneConnection(check: (database: TestDatabase, pool: pg.Pool) => Promise<void>): Promise<void> {
  const database = await createTestDatabase('postgres', { poolSize: 1 });
  try {
    await check(database, (database as unknown as { pool: pg.Pool }).pool);
  } finally {
    await within(database.close(), budget(10_000), 'closing the pool');
  }
}

describe.runIf(databaseKinds.includes('postgres'))('PostgreSQL transactions and their pooled connection', () => {
  it('a BEGIN that fails gives its connection back', async () => {
    await withOneConnection(async ({ db }) => {
      const bogus = { isolationLevel: 'no such level' } as unknown as Parameters<Db['transaction']>[1];
      await expect(db.transaction(async () => 'never', bogus)).rejects.toMatchObject({ cause: expect.objectContaining({ code: '42601' }) }); // syntax error in BEGIN
      expect(await within(backendPid(db), budget(5_000), 'the query after the failed BEGIN')).toBeGreaterThan(0);
    });
  });

  it('a transaction that fails and rolls back keeps its connection for the next', async () => {
    await withOneConnection(async ({ db }) => {
      const before = await backendPid(db);
      await expect(db.transaction(async (tx) => tx.execute(sql`SELECT 1 / 0`))).rejects.toMatchObject({ cause: expect.objectContaining({ code: '22012' }) }); // division by zero
      expect(await backendPid(db)).toBe(before);
    });
  });

  it('a connection the server ends inside a transaction is discarded, and the pool opens a new one', async () => {
    await withOneConnection(async ({ db }, pool) => {
      const before = await backendPid(db);
      // The ROLLBACK after the failure cannot reach the server either: the connection must not be reused.
      await expect(db.transaction(async (tx) => tx.execute(sql`SELECT pg_terminate_backend(pg_backend_pid())`))).rejects.toThrow();
      const after = await within(backendPid(db), budget(5_000), 'the query after the lost connection');
      expect(after).not.toBe(before);
      expect(pool.totalCount).toBe(1);
    });
  });

  it('several transactions whose BEGIN fails leave the pool whole', async () => {
    await withOneConnection(async ({ db }) => {
      const bogus = { isolationLevel: 'no such level' } as unknown as Parameters<Db['transaction']>[1];
      const failures = await Promise.allSettled(Array.from({ length: 5 }, () => db.transaction(async () => 'never', bogus)));
      expect(failures.map((f) => f.status)).toEqual(Array(5).fill('rejected'));
      const committed = await within(
        db.transaction(async (tx) => backendPid(tx as unknown as Db)),
        budget(5_000),
        'a transaction after five failed BEGINs',
      );
      expect(committed).toBeGreaterThan(0);
    });
  });
});
