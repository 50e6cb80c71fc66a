import { createHash } from 'node:crypto';
import type { Db } from './connection.js';
import { isInsideTransaction, OuterHandleInTransactionError } from './transaction-guard.js';

/** What a drizzle query built with `sql.placeholder(...)` offers: its SQL, and drizzle's own prepare. */
export interface PreparableQuery {
  toSQL(): { sql: string; params: unknown[] };
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<unknown> };
}

export interface NamedStatementSpec {
  /** The server-side statement name (unique per database). */
  name: string;
  /** Built once per database, on the outer handle, with placeholders for the values. */
  build: (db: Db) => PreparableQuery;
}

export type NamedStatement<Row> = (db: Db, values: Record<string, unknown>) => Promise<Row[]>;

/**
 * A hot query parsed and planned once per connection, then only bound and executed, through
 * drizzle's `.prepare(name)` on both databases (on PGlite db/pglite-named.ts keeps the name).
 * Like the outer handle itself (transaction-guard.ts), it refuses to run inside a transaction.
 */
export function namedStatement<Row>(spec: NamedStatementSpec): NamedStatement<Row> {
  const perDatabase = new WeakMap<object, (values: Record<string, unknown>) => Promise<Row[]>>();
  return (db, values) => {
    if (isInsideTransaction()) throw new OuterHandleInTransactionError(`named statement ${spec.name}`);
    let run = perDatabase.get(db);
    if (!run) {
      run = bindTo<Row>(db, spec);
      perDatabase.set(db, run);
    }
    return run(values);
  };
}

function bindTo<Row>(db: Db, spec: NamedStatementSpec): (values: Record<string, unknown>) => Promise<Row[]> {
  // PGlite passes the name through too (db/pglite-drizzle.ts → db/pglite-named.ts).
  const prepared = spec.build(db).prepare(spec.name);
  return async (values) => (await prepared.execute(values)) as Row[];
}

/**
 * Named statements of one query built in several shapes (which clauses are present): one per
 * shape key, made on first use, named `${prefix}_` plus a hash of the key. The key must name
 * everything `build` reads but the bound values.
 */
export function statementPerShape<Row>(prefix: string): (shape: string, build: NamedStatementSpec['build']) => NamedStatement<Row> {
  const byShape = new Map<string, NamedStatement<Row>>();
  return (shape, build) => {
    let statement = byShape.get(shape);
    if (!statement) {
      statement = namedStatement<Row>({ name: `${prefix}_${createHash('sha1').update(shape).digest('hex').slice(0, 16)}`, build });
      byShape.set(shape, statement);
    }
    return statement;
  };
}
