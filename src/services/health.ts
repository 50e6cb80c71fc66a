import { sql } from 'drizzle-orm';
import type { DatabaseHealth } from '../contract/system.js';
import type { Db } from '../db/connection.js';

export type { DatabaseHealth };

/** `SELECT 1` against a deadline: a database that does not answer in time is reported as such. */
export async function checkDatabase(db: Db, timeoutMs: number): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const probe = db.execute(sql`SELECT 1`).then(
    () => 'ok' as const,
    () => 'error' as const,
  );
  try {
    return await Promise.race([probe, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
