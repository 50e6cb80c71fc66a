import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { namedStatement } from './named-statement.js';
import { freshReadShared } from './fresh-read.js';
import { pgliteChanges } from './pglite-writes.js';

/**
 * Where the database's write-ahead log ends now. Every committed (or rolled back) change of
 * any table writes WAL before others can see it, so while this position has not moved,
 * nothing anyone could read has changed — on PGlite, and on a PostgreSQL server shared by
 * several processes alike (the position is the server's). Read-only work writes none.
 */
const walInsertPosition = namedStatement<{ lsn: string }>({
  name: 'wal_insert_position',
  build: (db) => db.select({ lsn: sql<string>`pg_current_wal_insert_lsn()::text` }).from(sql`(VALUES (1)) AS one (x)`),
});

/** Per database handle: its callers share each query, never one sent before they asked. */
const serverPositionReaders = new WeakMap<Db, () => Promise<string>>();

function serverPosition(db: Db): Promise<string> {
  let read = serverPositionReaders.get(db);
  if (!read) {
    read = freshReadShared(async () => (await walInsertPosition(db, {}))[0].lsn);
    serverPositionReaders.set(db, read);
  }
  return read();
}

/**
 * The position to compare: on PGlite this process's own count of changes (db/pglite-writes.ts,
 * no query: every change passes through here), on PostgreSQL the server's WAL position.
 */
export async function walPosition(db: Db): Promise<string> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    const changes = pgliteChanges(client);
    if (changes !== null) return `changes ${changes}`;
  }
  return serverPosition(db);
}
