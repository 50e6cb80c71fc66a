import { AsyncLocalStorage } from 'node:async_hooks';
import { beginHold } from './hold-watchdog.js';

/**
 * PGlite has one connection: inside a transaction, a query on the outer handle waits for
 * the transaction, which waits for the query, and the whole server freezes. On PostgreSQL
 * the same mistake silently reads or writes outside the transaction. So the outer handle
 * refuses, at once and loudly, to start anything while the current async flow holds a
 * transaction: only the transaction's own handle works there.
 */
const insideTransaction = new AsyncLocalStorage<true>();

export class OuterHandleInTransactionError extends Error {
  constructor(member: string) {
    super(`db.${member} called inside a transaction: use the transaction's handle (tctx.tx); the outer handle would deadlock on PGlite`);
  }
}

export function isInsideTransaction(): boolean {
  return insideTransaction.getStore() === true;
}

/** Work that must not inherit the caller's transaction flag (e.g. a background job started from a request). */
export function outsideTransaction<T>(work: () => T): T {
  return insideTransaction.exit(work);
}

/** Wraps a drizzle database so that it marks its transactions and refuses use from inside one. */
export function guardOuterHandle<D extends object>(db: D): D {
  const guarded: D = new Proxy(db, {
    get(target, member, receiver) {
      const value = Reflect.get(target, member, receiver);
      if (typeof member === 'symbol') return value;
      if (member === 'transaction') {
        return (work: (tx: unknown) => Promise<unknown>, config?: unknown) => {
          if (isInsideTransaction()) throw new OuterHandleInTransactionError(member);
          // Liveness (db/hold-watchdog.ts): how long this transaction holds the database.
          const endHold = beginHold(guarded);
          const run = insideTransaction.run(true, () => (target as { transaction: (w: typeof work, c?: unknown) => Promise<unknown> }).transaction(work, config));
          return run.finally(endHold);
        };
      }
      if (isInsideTransaction() && (typeof value === 'function' || member === 'query')) throw new OuterHandleInTransactionError(member);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return guarded;
}
