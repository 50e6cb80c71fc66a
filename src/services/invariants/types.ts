import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';

/**
 * The invariant checker (issue 14): queries for states that must never exist. Each check is a
 * named function over the database (and the file store) returning the records that break it;
 * the CLI, the server's local endpoint and the integration suites all run the same checks.
 */

/** One record that breaks an invariant. */
export interface Violation {
  /** The check that found it, e.g. `lifecycle.state-without-history`. */
  check: string;
  /** What kind of record it concerns: application, file, scorebook, ballot, panel_assignment, … */
  kind: string;
  /** The ids that locate the record (application, expert, session, …). */
  ids: Record<string, string>;
  /** What is wrong, in Chinese, for the person who reads the report. */
  message: string;
}

export interface InvariantTarget {
  db: DbOrTx;
  /** The data folder whose `files/` holds the stored bytes; without it the file checks are skipped. */
  dataDir?: string;
  /** The clock the conflict rules count years from (former employers); defaults to the real time. */
  now?: Date;
}

export interface InvariantCheck<N extends string = string> {
  /** Stable name, `<family>.<what>`; the name a test's opt-out gives. */
  name: N;
  /** What must hold, in Chinese (the report's heading for the check). */
  label: string;
  run(target: InvariantTarget): Promise<Violation[]>;
}

/** Builds a check whose finder reports through `found`, so every violation carries the check's name. */
export function defineCheck<N extends string>(
  name: N,
  label: string,
  find: (target: InvariantTarget, found: (kind: string, ids: Record<string, string>, message: string) => Violation) => Promise<Violation[]>,
): InvariantCheck<N> {
  return { name, label, run: (target) => find(target, (kind, ids, message) => ({ check: name, kind, ids, message })) };
}

/** Rows of a raw query on either driver (node-postgres and PGlite both answer `{ rows }`). */
export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
