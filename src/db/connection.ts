import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { DEFAULT_POOL_SIZE } from '../config.js';
import * as schema from './schema/index.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { createDurablePglite } from './durable-pglite.js';
import { listenForNotifications, type NotificationHandlers, type NotificationListener } from './notification-listener.js';
import { drizzleOverPool } from './pg-drizzle.js';
import { drizzleOverPglite } from './pglite-drizzle.js';
import { watchPgliteWrites } from './pglite-writes.js';
import { guardOuterHandle } from './transaction-guard.js';

/**
 * Both drivers expose the same drizzle query builder; we type the handle as the
 * node-postgres flavour and keep driver differences inside this module.
 */
export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL outside drizzle (tests, CLI maintenance). */
  exec(sqlText: string): Promise<void>;
  /**
   * PostgreSQL only (several processes may share it): LISTEN on channels over a dedicated
   * connection. PGlite has no other process to hear from.
   */
  listen?(channels: string[], handlers: NotificationHandlers, applicationName: string): NotificationListener;
  close(): Promise<void>;
}

/** The migrations shipped with this program (SQL files and drizzle's meta/_journal.json). */
export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder of the embedded database; `memory://` for a throwaway in-memory one. */
  pgliteDir?: string;
  poolSize?: number;
  migrate?: boolean;
  /** How long a request waits for a PostgreSQL connection before it fails (unreachable host). */
  connectionTimeoutMs?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? DEFAULT_POOL_SIZE, options.connectionTimeoutMs ?? 5_000)
    : await openPglite(options.pgliteDir ?? 'memory://');
  if (options.migrate !== false) await migrateDatabase(database);
  return database;
}

function openPostgres(url: string, poolSize: number, connectionTimeoutMs: number): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: connectionTimeoutMs });
  // A server ending a connection (pg_terminate_backend, restart, failover) emits 'error' on
  // its client. The pool listens only while a client is idle; a client checked out for a
  // transaction has no listener, and an unhandled 'error' event ends the process. So every
  // client gets a listener for its whole life: the query in flight fails (the request gets
  // its error answer) and the pool drops the dead client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  pool.on('error', () => undefined);
  // Transactions always give their connection back, even when BEGIN fails (db/pg-drizzle.ts).
  const db = guardOuterHandle(drizzleOverPool(pool, schema) as unknown as Db);
  return {
    db,
    kind: 'postgres',
    pool,
    listen: (channels, handlers, applicationName) => listenForNotifications(url, channels, handlers, { applicationName, connectionTimeoutMs }),
    exec: async (sqlText) => {
      await pool.query(sqlText);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string): Promise<Database> {
  let lock: DataDirLock | null = null;
  if (!dir.startsWith('memory://')) {
    fs.mkdirSync(dir, { recursive: true });
    lock = acquireDataDirLock(dir);
  }
  try {
    // A folder on disk is opened durable (db/durable-pglite.ts); memory:// has nothing to flush.
    const client = lock ? await createDurablePglite(dir) : await PGlite.create(dir);
    // Counts the exchanges that may change data: the read cache's position (db/wal-position.ts).
    watchPgliteWrites(client);
    // Parsers set once and named statements honoured (db/pglite-drizzle.ts).
    const db = guardOuterHandle(drizzleOverPglite(client, schema) as unknown as Db);
    return {
      db,
      kind: 'pglite',
      exec: async (sqlText) => {
        await client.exec(sqlText);
      },
      close: async () => {
        // close() flushes PGlite's WAL to the data folder before we release the lock.
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * Applies pending migrations; on PostgreSQL an advisory lock lets several app processes start
 * at once. `folder` is another migrations folder (a restore stops at a backup's older level).
 */
export async function migrateDatabase(database: Database, folder = migrationsFolder): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: folder });
    return;
  }
  const pool = (database as Database & { pool: pg.Pool }).pool;
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock(726354001)');
    await migratePg(drizzlePg({ client, schema }), { migrationsFolder: folder });
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    await client.query('SELECT pg_advisory_unlock(726354001)').catch(() => undefined);
    // A failed migration may leave its connection inside a transaction: the pool closes it.
    client.release(failure);
  }
}
