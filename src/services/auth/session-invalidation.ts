import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/connection.js';
import { handleKind } from '../../db/handle-kind.js';
import { transactionOuterHandle, whenTransactionEnds } from '../../db/transaction-guard.js';
import { attachmentOf, LISTENER_NAME_PREFIX, SESSION_CHANNEL, type NotifiedChange } from './session-cache-attachment.js';
import type { SessionChange } from './session-cache.js';

export { attachSessionCache, sessionCacheOf, sessionListenerPid } from './session-cache-attachment.js';

/**
 * The one door through which every change that could make a cached session wrong must pass
 * (revocation, password change, deactivation, roles, organisation, names, lock/unlock,
 * restore). test/unit/session-writers.test.ts lists every write to the tables the cache
 * mirrors and fails on one that is neither routed here nor explained.
 *
 * - This process: the change is dropped from the cache when the transaction settles,
 *   before the caller sees its result (transaction-guard.ts), committed or not.
 * - Other processes (PostgreSQL): pg_notify in the same transaction, so it is delivered on
 *   commit and never on rollback. Each process's listener drops the change and answers;
 *   after the commit the writer waits (bounded) until every process that was listening
 *   has answered, so a logout has taken effect everywhere when it returns.
 *   PGlite has no other process (its data folder is locked), so nothing is sent there.
 */
export async function invalidateSessions(tx: Tx, change: SessionChange): Promise<void> {
  const outer = transactionOuterHandle();
  if (!outer) throw new Error('invalidateSessions must run inside a transaction opened on the database handle');
  const attachment = attachmentOf(outer);
  if (handleKind(outer) === 'pglite') {
    whenTransactionEnds(() => attachment?.cache.invalidate(change));
    return;
  }
  const replyTo = attachment?.replyChannel() ?? null;
  const notified: NotifiedChange = { ...change, id: randomUUID(), replyTo };
  const result = await tx.execute(sql`
    SELECT pg_notify(${SESSION_CHANNEL}, ${JSON.stringify(notified)}),
      (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE ${`${LISTENER_NAME_PREFIX}%`}) AS listeners`);
  const listeners = Number((result as unknown as { rows: Array<{ listeners: number }> }).rows[0]?.listeners ?? 0);
  // Registered before the commit: an answer may arrive before the COMMIT's own reply does.
  const answered = replyTo ? attachment!.expectAnswers(notified.id, listeners) : null;
  whenTransactionEnds(async (_outer, committed) => {
    attachment?.cache.invalidate(change);
    if (committed) await answered?.wait();
    else answered?.cancel();
  });
}

/**
 * The same for work that is not one transaction (a restore's wipe): every cached session of
 * `database` is dropped here, and (PostgreSQL) in every other process on arrival.
 */
export async function invalidateAllSessions(database: Database): Promise<void> {
  const notified: NotifiedChange = { kind: 'all', id: randomUUID(), replyTo: null };
  if (database.kind === 'postgres') await database.exec(`SELECT pg_notify('${SESSION_CHANNEL}', '${JSON.stringify(notified)}')`);
  attachmentOf(database.db)?.cache.invalidate({ kind: 'all' });
}
