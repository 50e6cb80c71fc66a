import type { AppConfig } from '../config.js';
import type { Db, Tx } from '../db/connection.js';
import type { Actor } from '../domain/roles.js';

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
}

export function inTransaction<T>(ctx: ServiceContext, work: (tctx: TxContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => work({ ...ctx, tx }));
}
