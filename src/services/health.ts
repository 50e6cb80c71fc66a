import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DatabaseHealth, StorageHealth } from '../contract/system.js';
import type { Db } from '../db/connection.js';
import { oldestHoldMs } from '../db/hold-watchdog.js';

export type { DatabaseHealth, StorageHealth };

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

/** Free bytes for an unprivileged writer on the file system holding `dir` (or its nearest existing parent). */
export async function freeBytesUnder(dir: string): Promise<number> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      const stats = await fs.statfs(current);
      return stats.bavail * stats.bsize;
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      current = parent;
    }
  }
}

/** The data folder can take at least one more upload of `minFreeBytes`. */
export async function checkStorage(dataDir: string, minFreeBytes: number): Promise<StorageHealth> {
  try {
    return (await freeBytesUnder(dataDir)) < minFreeBytes ? 'full' : 'ok';
  } catch {
    return 'error';
  }
}

const PROBLEMS = {
  database: { timeout: '数据库在规定时间内没有响应', error: '数据库无法连接', stalled: '有事务占用数据库的时间超过了上限' },
  storage: { full: '数据目录所在磁盘剩余空间不足', error: '无法读取数据目录所在磁盘的剩余空间' },
} as const;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: DatabaseHealth;
  storage: StorageHealth;
  oldestTransactionMs: number;
  problems: string[];
}

/** Both checks at once; `unavailable` names every part that is wrong. */
export async function checkHealth(db: Db, dataDir: string, options: { dbTimeoutMs: number; minFreeBytes: number; holdLimitMs: number }): Promise<HealthReport> {
  const [answer, storage] = await Promise.all([checkDatabase(db, options.dbTimeoutMs), checkStorage(dataDir, options.minFreeBytes)]);
  const oldestTransactionMs = oldestHoldMs(db);
  // PostgreSQL answers SELECT 1 beside a stuck transaction; its locks still stop the work.
  const database: DatabaseHealth = answer === 'ok' && oldestTransactionMs > options.holdLimitMs ? 'stalled' : answer;
  const problems = [...(database === 'ok' ? [] : [PROBLEMS.database[database]]), ...(storage === 'ok' ? [] : [PROBLEMS.storage[storage]])];
  return { status: problems.length === 0 ? 'ok' : 'unavailable', database, storage, oldestTransactionMs, problems };
}
