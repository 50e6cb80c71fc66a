import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';

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

/**
 * A LIMIT written into a prepared statement's text instead of passed as a parameter. After a
 * few runs PostgreSQL may switch a named statement to a generic plan, which cannot see a
 * parameter's value and guesses a LIMIT of 10% of the table: it then sorts the whole table
 * instead of reading the first rows of the index. A constant keeps the plan a top-N read;
 * each distinct value is its own statement (page sizes are few), so use it for LIMITs only.
 */
export function planConstant(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
  return sql.raw(String(n)) as unknown as number;
}
