import { types, type PGlite, type Transaction } from '@electric-sql/pglite';
import { createTableRelationsHelpers, extractTablesRelationalConfig, type Query, type RelationalSchemaConfig, type TablesRelationalConfig } from 'drizzle-orm';
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig, type SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import type { WithCacheConfig } from 'drizzle-orm/cache/core/types';
import { PgliteDatabase, PgliteSession, PgliteTransaction } from 'drizzle-orm/pglite';
import { namedStatementClient, type PgliteQueryable } from './pglite-named.js';

const asText = (value: string) => value;

/**
 * The parsers drizzle-orm/pglite passes with every query (drizzle decodes dates, intervals
 * and their arrays itself, so PGlite must hand them over as text). Passed per query, PGlite
 * copies its whole table of parsers each time ({...parsers, ...options.parsers}); set here
 * once on the client instead, and the queries go without them.
 */
export const DRIZZLE_PGLITE_PARSERS: Record<number, (value: string) => unknown> = {
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INTERVAL]: asText,
  [types.DATE]: asText,
  1231: asText, // numeric[]
  1115: asText, // timestamp[]
  1185: asText, // timestamptz[]
  1187: asText, // interval[]
  1182: asText, // date[]
};

/**
 * After PGlite.create: its start-up fills the array types' parsers, so ours go on top of them.
 * The client then belongs to drizzle (a raw `client.query` gets dates as text, like drizzle).
 */
export function configureDrizzleParsers(client: PGlite): void {
  Object.assign(client.parsers, DRIZZLE_PGLITE_PARSERS);
}

type QueryConfig = { rowMode: 'array' | 'object'; name?: string };
interface PreparedLike {
  queryConfig: QueryConfig;
  rawQueryConfig: QueryConfig;
}

/**
 * drizzle's PGlite session, with two changes to the queries it prepares: no `parsers` of
 * their own (configured once above), and the statement name given to `.prepare(name)`,
 * which drizzle-orm/pglite drops, carried to the client so PGlite parses and plans the
 * statement once (db/pglite-named.ts). Transactions get the same session.
 */
class NamedPgliteSession extends PgliteSession<Record<string, unknown>, TablesRelationalConfig> {
  constructor(
    private readonly pglite: PGlite,
    client: PgliteQueryable,
    dialect: PgDialect,
    private readonly relational: RelationalSchemaConfig<TablesRelationalConfig> | undefined,
  ) {
    super(client as never, dialect, relational);
  }

  override prepareQuery<T extends PreparedQueryConfig = PreparedQueryConfig>(
    query: Query,
    fields: SelectedFieldsOrdered | undefined,
    name: string | undefined,
    isResponseInArrayMode: boolean,
    customResultMapper?: (rows: unknown[][]) => T['execute'],
    queryMetadata?: { type: 'select' | 'update' | 'delete' | 'insert'; tables: string[] },
    cacheConfig?: WithCacheConfig,
  ): PgPreparedQuery<T> {
    const prepared = super.prepareQuery<T>(query, fields, name, isResponseInArrayMode, customResultMapper, queryMetadata, cacheConfig);
    const p = prepared as unknown as PreparedLike;
    p.queryConfig = name ? { rowMode: 'array', name } : { rowMode: 'array' };
    p.rawQueryConfig = name ? { rowMode: 'object', name } : { rowMode: 'object' };
    return prepared;
  }

  override async transaction<T>(work: (tx: PgliteTransaction<Record<string, unknown>, TablesRelationalConfig>) => Promise<T>, config?: Parameters<PgliteSession<Record<string, unknown>, TablesRelationalConfig>['transaction']>[1]): Promise<T> {
    return this.pglite.transaction(async (txClient: Transaction) => {
      const session = new NamedPgliteSession(this.pglite, namedStatementClient(this.pglite, txClient), this.dialect, this.relational);
      const tx = new PgliteTransaction<Record<string, unknown>, TablesRelationalConfig>(this.dialect, session, this.relational);
      if (config) await tx.setTransaction(config);
      return work(tx);
    });
  }
}

/** drizzle over PGlite (what drizzle-orm/pglite's `drizzle({ client, schema })` builds), with the session above. */
export function drizzleOverPglite<S extends Record<string, unknown>>(client: PGlite, schema: S): PgliteDatabase<S> {
  configureDrizzleParsers(client);
  const dialect = new PgDialect();
  const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  const session = new NamedPgliteSession(client, namedStatementClient(client, null), dialect, relational);
  const db = new PgliteDatabase(dialect, session as never, relational as never) as PgliteDatabase<S> & { $client: PGlite };
  db.$client = client;
  return db;
}
