import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/connection.js';
import { handleKind } from '../../db/handle-kind.js';
import type { NotificationListener } from '../../db/notification-listener.js';
import { transactionOuterHandle, whenTransactionEnds } from '../../db/transaction-guard.js';
import { SessionCache, type SessionChange } from './session-cache.js';

/**
 * The one door through which every change that could make a cached session wrong must pass
 * (revocation, password change, deactivation, roles, organisation, names, lock/unlock,
 * restore). test/unit/session-writers.test.ts lists every write to the tables the cache
 * mirrors and fails on one that is neither routed here nor explained.
 *
 * - In this process: the change is dropped from the cache when the transaction settles,
 *   before the caller sees its result (transaction-guard.ts), commit or not.
 * - In other processes (PostgreSQL): pg_notify in the same transaction, so it is delivered
 *   on commit and never on rollback; each process's listener drops the change on arrival.
 *   PGlite has no other process (the data folder is locked), so nothing is sent there.
 */
export const SESSION_CHANNEL = 'mqa_session_changes';

export async function invalidateSessions(tx: Tx, change: SessionChange): Promise<void> {
  const outer = transactionOuterHandle();
  if (!outer) throw new Error('invalidateSessions must run inside a transaction opened on the database handle');
  whenTransactionEnds(() => attached.get(outer)?.cache.invalidate(change));
  if (handleKind(outer) === 'postgres') await tx.execute(sql`SELECT pg_notify(${SESSION_CHANNEL}, ${JSON.stringify(change)})`);
}

/**
 * The same for work that is not one transaction (a restore's wipe): every cached session of
 * `database`, here and (PostgreSQL) in every other process, is dropped once this resolves.
 */
export async function invalidateAllSessions(database: Database): Promise<void> {
  if (database.kind === 'postgres') await database.exec(`SELECT pg_notify('${SESSION_CHANNEL}', '{"kind":"all"}')`);
  attached.get(database.db)?.cache.invalidate({ kind: 'all' });
}

interface Attachment {
  cache: SessionCache;
  users: number;
  listener: NotificationListener | null;
}
const attached = new WeakMap<object, Attachment>();
let listenerSerial = 0;

/** The cache serving `db` (the outer handle), if an app attached one. */
export function sessionCacheOf(db: object): SessionCache | undefined {
  return attached.get(db)?.cache;
}

/** The server pid of the LISTEN connection behind `db`'s cache (tests kill it), or null. */
export function sessionListenerPid(db: object): number | null {
  return attached.get(db)?.listener?.backendPid() ?? null;
}

function parseChange(payload: string): SessionChange {
  try {
    const change = JSON.parse(payload) as SessionChange;
    if (['token', 'user', 'organisation', 'all'].includes(change?.kind)) return change;
  } catch {
    /* fall through: an unreadable change drops everything */
  }
  return { kind: 'all' };
}

/**
 * Gives `database` a session cache for as long as the returned `detach` is not called
 * (an app attaches on build and detaches on close; several apps on one handle share it).
 * On PostgreSQL the cache serves nothing until its LISTEN is in force, and again nothing
 * from the moment that connection is lost until it is back: exactness over speed.
 */
export function attachSessionCache(database: Database, options: { maxEntries?: number } = {}): { cache: SessionCache; detach(): Promise<void> } {
  const key = database.db;
  let entry = attached.get(key);
  if (!entry) {
    const postgres = database.kind === 'postgres';
    const cache = new SessionCache({ enabled: !postgres, maxEntries: options.maxEntries });
    const created: Attachment = { cache, users: 0, listener: null };
    if (postgres && database.listen) {
      created.listener = database.listen(
        SESSION_CHANNEL,
        {
          onNotification: (payload) => cache.invalidate(parseChange(payload)),
          onListening: () => cache.setEnabled(true),
          onLost: () => cache.setEnabled(false),
        },
        `mqa-sessions-${process.pid}-${++listenerSerial}`,
      );
    }
    attached.set(key, created);
    entry = created;
  }
  const mine = entry;
  mine.users++;
  let detached = false;
  return {
    cache: mine.cache,
    async detach() {
      if (detached) return;
      detached = true;
      if (--mine.users > 0) return;
      attached.delete(key);
      mine.cache.setEnabled(false);
      await mine.listener?.close();
    },
  };
}
