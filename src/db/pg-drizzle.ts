import { createTableRelationsHelpers, extractTablesRelationalConfig, sql, type RelationalSchemaConfig, type TablesRelationalConfig } from 'drizzle-orm';
import { NodePgDatabase, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgTransactionConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';

type Relational = RelationalSchemaConfig<TablesRelationalConfig>;
type Transaction = NodePgTransaction<Record<string, unknown>, TablesRelationalConfig>;

/**
 * drizzle's node-postgres session, except for how a transaction holds its pooled
 * connection. drizzle sends BEGIN before its try/finally, so a BEGIN that fails (the
 * server ended the connection between the checkout and the BEGIN: pg_terminate_backend, a
 * restart, a failover) never releases the client: the pool loses a connection for good and
 * `pool.end()` waits for it forever. A ROLLBACK that fails would hand back, as reusable, a
 * connection still inside its transaction. Here the client is always released, and it is
 * reused only when the transaction was seen to end (COMMIT or ROLLBACK answered).
 */
class PooledTransactionSession extends NodePgSession<Record<string, unknown>, TablesRelationalConfig> {
  constructor(
    private readonly pool: pg.Pool,
    dialect: PgDialect,
    private readonly relational: Relational | undefined,
  ) {
    super(pool, dialect, relational);
  }

  override async transaction<T>(work: (tx: Transaction) => Promise<T>, config?: PgTransactionConfig): Promise<T> {
    const client = await this.pool.connect();
    // A session on the one client: its queries, and nested transactions as savepoints.
    const session = new NodePgSession<Record<string, unknown>, TablesRelationalConfig>(client, this.dialect, this.relational);
    const tx = new NodePgTransaction<Record<string, unknown>, TablesRelationalConfig>(this.dialect, session, this.relational);
    let ended = false;
    try {
      await tx.execute(sql.raw(config ? `begin ${transactionModes(config)}` : 'begin'));
      try {
        const result = await work(tx);
        await tx.execute(sql`commit`);
        ended = true;
        return result;
      } catch (error) {
        await tx.execute(sql`rollback`);
        ended = true;
        throw error;
      }
    } finally {
      // An error tells the pool to close the connection instead of reusing it.
      client.release(ended ? undefined : new Error('transaction did not end cleanly; connection discarded'));
    }
  }
}

/** BEGIN's modes, as drizzle writes them (one round trip, not BEGIN then SET TRANSACTION). */
function transactionModes(config: PgTransactionConfig): string {
  const modes: string[] = [];
  if (config.isolationLevel) modes.push(`isolation level ${config.isolationLevel}`);
  if (config.accessMode) modes.push(config.accessMode);
  if (typeof config.deferrable === 'boolean') modes.push(config.deferrable ? 'deferrable' : 'not deferrable');
  return modes.join(' ');
}

/** drizzle over a node-postgres pool (what drizzle-orm/node-postgres's `drizzle({ client, schema })` builds), with the session above. */
export function drizzleOverPool<S extends Record<string, unknown>>(pool: pg.Pool, schema: S): NodePgDatabase<S> & { $client: pg.Pool } {
  const dialect = new PgDialect();
  const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  const session = new PooledTransactionSession(pool, dialect, relational);
  const db = new NodePgDatabase(dialect, session as never, relational as never) as NodePgDatabase<S> & { $client: pg.Pool };
  db.$client = pool;
  return db;
}
