import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';

/**
 * What a logical backup needs to know about the live database, read from the catalog rather
 * than from the drizzle schema: the database is the truth about which tables and columns a
 * given migration level has, so a dump taken at an older level restores at that level too.
 */
export interface TableInfo {
  name: string;
  /** Primary-key columns: the dump's row order (stable, so content hashes compare). */
  primaryKey: string[];
}

export interface MigrationLevel {
  /** How many migrations are applied (drizzle's journal index + 1 of the last one). */
  count: number;
  /** drizzle's `created_at` of the last applied migration (the journal's `when`). */
  lastWhen: number | null;
}

export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Tables the database derives from others by triggers (migration 0011): never dumped, since
 * restoring the tables they derive from rebuilds them (restoring both would count twice).
 */
export const DERIVED_TABLES: readonly string[] = ['application_state_counts'];

/** Every table of the public schema but the derived ones, parents before children (foreign-key order). */
export async function listTables(db: DbOrTx): Promise<TableInfo[]> {
  const all = await rowsOf<{ name: string }>(db, sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const tables = all.filter((t) => !DERIVED_TABLES.includes(t.name));
  const keys = await rowsOf<{ table: string; column: string }>(
    db,
    sql`SELECT c.relname AS "table", a.attname AS "column"
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE i.indisprimary
        ORDER BY c.relname, k.ord`,
  );
  const edges = await rowsOf<{ child: string; parent: string }>(
    db,
    sql`SELECT child.relname AS child, parent.relname AS parent
        FROM pg_constraint con
        JOIN pg_class child ON child.oid = con.conrelid
        JOIN pg_class parent ON parent.oid = con.confrelid
        JOIN pg_namespace n ON n.oid = child.relnamespace AND n.nspname = 'public'
        WHERE con.contype = 'f'`,
  );
  const primaryKey = new Map<string, string[]>();
  for (const k of keys) primaryKey.set(k.table, [...(primaryKey.get(k.table) ?? []), k.column]);
  const order = foreignKeyOrder(
    tables.map((t) => t.name),
    edges,
  );
  return order.map((name) => ({ name, primaryKey: primaryKey.get(name) ?? [] }));
}

/**
 * Kahn's algorithm in rounds, alphabetical within a round so the order is stable. A table that
 * refers to itself is fine (one INSERT statement checks its foreign keys at its end); a cycle
 * between tables is not, and the schema has none — say so loudly if one ever appears.
 */
export function foreignKeyOrder(tableNames: string[], edges: Array<{ child: string; parent: string }>): string[] {
  const names = [...tableNames].sort();
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  const done: string[] = [];
  const placed = new Set<string>();
  while (done.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p) || !parents.has(p)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among: ${names.filter((n) => !placed.has(n)).join(', ')}`);
    for (const n of ready) {
      done.push(n);
      placed.add(n);
    }
  }
  return done;
}

/** Columns filled from a sequence (bigserial): after a restore each sequence restarts above its column's maximum. */
export async function serialColumns(db: DbOrTx): Promise<Array<{ table: string; column: string }>> {
  return rowsOf(
    db,
    sql`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
        WHERE table_schema = 'public' AND column_default LIKE 'nextval(%' ORDER BY table_name, column_name`,
  );
}

/** The applied migrations as drizzle records them (schema `drizzle`); none applied → count 0. */
export async function migrationLevel(db: DbOrTx): Promise<MigrationLevel> {
  const [exists] = await rowsOf<{ present: boolean }>(db, sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (!exists?.present) return { count: 0, lastWhen: null };
  const [row] = await rowsOf<{ count: number | string; last: number | string | null }>(
    db,
    sql`SELECT count(*) AS count, max(created_at) AS last FROM drizzle.__drizzle_migrations`,
  );
  return { count: Number(row.count), lastWhen: row.last === null ? null : Number(row.last) };
}

/** Rows of one table as JSON text, produced by the database (exact: no JS number or Date round trip). */
export function tableRowsQuery(table: TableInfo): string {
  const order = table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdent).join(', ') : '1';
  return `SELECT row_to_json(t)::text AS j FROM ${quoteIdent(table.name)} t ORDER BY ${order}`;
}
