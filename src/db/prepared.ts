import { createHash } from 'node:crypto';

/** A drizzle query that can be prepared (select, insert, update, delete builders). */
interface Preparable<T> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(): Promise<T> };
}

/** SQL text → statement name; the texts are few (one per query shape), so the map stays small. */
const names = new Map<string, string>();

/**
 * Runs a query as a named prepared statement: PostgreSQL (per pooled connection) and PGlite
 * (db/pglite-named.ts) parse and plan it once, then only bind and execute. The name is taken
 * from the SQL text, so every shape of a query (filters present or not) gets its own
 * statement and one name never stands for two texts. Build the query on the handle at hand
 * (the outer one or a transaction's): db/transaction-guard.ts then still refuses the outer
 * handle inside a transaction, since the builder is reached through it.
 */
export function executePrepared<T>(prefix: string, query: Preparable<T>): Promise<T> {
  const text = query.toSQL().sql;
  let name = names.get(text);
  if (!name) {
    name = `${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return query.prepare(name).execute();
}
