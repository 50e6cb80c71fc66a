import type { AppConfig } from '../config.js';
import type { Db, Tx } from '../db/connection.js';
import type { Actor } from '../domain/roles.js';
import { flushAudit, type PendingAudit } from './audit/record.js';

/** What every use case receives: who acts, in which request, against which database. */
export interface ServiceContext {
  db: Db;
  actor: Actor | null;
  requestId: string;
  now: () => Date;
  config: AppConfig;
}

/** A context bound to an open transaction: the change and its audit record commit together. */
export interface TxContext extends ServiceContext {
  tx: Tx;
  /** Audit entries of this transaction, appended to the chain just before commit. */
  pendingAudit?: PendingAudit[];
}

/** Runs a use case in one transaction; its audit entries are written last, then everything commits. */
export function inTransaction<T>(ctx: ServiceContext, work: (tctx: TxContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const tctx: TxContext = { ...ctx, tx, pendingAudit: [] };
    const result = await work(tctx);
    await flushAudit(tctx);
    return result;
  });
}
