import type { AppConfig } from '../config.js';
import type { Db, DbOrTx, Tx } from '../db/connection.js';
import type { Actor } from '../domain/roles.js';
import { committedAuditHead, flushAudit, type PendingAudit } from './audit/record.js';
import { witnessHead } from './audit/witness.js';

/** What every use case receives: who acts, in which request, against which database. */
export interface ServiceContext {
  db: Db;
  actor: Actor | null;
  requestId: string;
  now: () => Date;
  config: AppConfig;
}

/**
 * A context bound to an open transaction: the change and its audit record commit together.
 * It has no `db`: a function that needs the outer handle cannot be given a TxContext (tsc
 * refuses), and a closure that reaches the outer handle anyway is refused at run time by
 * db/transaction-guard.ts. Code that works either way takes `ServiceContext | TxContext`
 * and uses `handleOf(ctx)`.
 */
export interface TxContext extends Omit<ServiceContext, 'db'> {
  tx: Tx;
  /** Audit entries of this transaction, appended to the chain just before commit. */
  pendingAudit?: PendingAudit[];
}

/** The handle a context may use: its transaction's, else the database. */
export function handleOf(ctx: ServiceContext | TxContext): DbOrTx {
  return 'tx' in ctx ? ctx.tx : ctx.db;
}

/**
 * Runs a use case in one transaction; its audit entries are written last, the database
 * chains them as it commits (audit/record.ts), then the chain's head — at or past them — is
 * witnessed outside the database (audit/witness.ts).
 */
export async function inTransaction<T>(ctx: ServiceContext, work: (tctx: TxContext) => Promise<T>): Promise<T> {
  const { db, ...rest } = ctx;
  let audited = false;
  const result = await db.transaction(async (tx) => {
    const tctx: TxContext = { ...rest, tx, pendingAudit: [] };
    const value = await work(tctx);
    audited = await flushAudit(tctx);
    return value;
  });
  // Committed already: a witness that cannot be written (full disk) must not fail the request.
  if (audited) {
    try {
      const head = await committedAuditHead(db);
      if (head) witnessHead(ctx.config.audit, head);
    } catch {
      // logged by nobody on purpose: the request succeeded; `audit verify` reports the gap.
    }
  }
  return result;
}

/**
 * Reads in one snapshot on one connection (read only): an answer assembled from many
 * queries shows one state of the data, never half of a change committed between two of its
 * queries; and on PostgreSQL it waits for a pooled connection once, not once per query —
 * which, when the pool is busy (the deadline rush), was most of a response's time.
 */
export function inReadTransaction<T>(ctx: ServiceContext, work: (tctx: TxContext) => Promise<T>): Promise<T> {
  const { db, ...rest } = ctx;
  return db.transaction((tx) => work({ ...rest, tx, pendingAudit: [] }), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
