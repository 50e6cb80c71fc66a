import { AsyncLocalStorage } from 'node:async_hooks';
import { beginHold } from './hold-watchdog.js';

/**
 * PGlite has one connection: inside a transaction, a query on the outer handle waits for
 * the transaction, which waits for the query, and the whole server freezes. On PostgreSQL
 * the same mistake silently reads or writes outside the transaction. So the outer handle
 * refuses, at once and loudly, to start anything while the current async flow holds a
 * transaction: only the transaction's own handle works there.
 */
interface TransactionScope {
  /** The guarded outer handle the transaction was opened on. */
  outer: object;
  /** Work to run once the transaction has settled (see whenTransactionEnds). */
  onEnd: Array<(outer: object, committed: boolean) => void | Promise<void>>;
}
const insideTransaction = new AsyncLocalStorage<TransactionScope>();

export class OuterHandleInTransactionError extends Error {
  constructor(member: string) {
    super(`db.${member} called inside a transaction: use the transaction's handle (tctx.tx); the outer handle would deadlock on PGlite`);
  }
}

export function isInsideTransaction(): boolean {
  return insideTransaction.getStore() !== undefined;
}

/**
 * Runs `work` once the current transaction has settled — committed or rolled back — and
 * awaits it before the transaction's promise resolves to the caller. Both outcomes: an
 * ambiguous COMMIT failure may still have committed, so work that drops stale copies must
 * run either way (`committed` says which was reported). Returns false (and schedules
 * nothing) outside a guarded transaction.
 */
/** The guarded outer handle whose transaction the current async flow is in, or null. */
export function transactionOuterHandle(): object | null {
  return insideTransaction.getStore()?.outer ?? null;
}

export function whenTransactionEnds(work: (outer: object, committed: boolean) => void | Promise<void>): boolean {
  const scope = insideTransaction.getStore();
  if (!scope) return false;
  scope.onEnd.push(work);
  return true;
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
          const scope: TransactionScope = { outer: receiver as object, onEnd: [] };
          const run = () => (target as { transaction: (w: typeof work, c?: unknown) => Promise<unknown> }).transaction(work, config);
          const settle = (committed: boolean) => {
            endHold();
            return Promise.all(scope.onEnd.map((end) => end(scope.outer, committed)));
          };
          return insideTransaction.run(scope, run).then(
            async (value) => {
              await settle(true);
              return value;
            },
            async (error: unknown) => {
              await settle(false);
              throw error;
            },
          );
        };
      }
      if (isInsideTransaction() && (typeof value === 'function' || member === 'query')) throw new OuterHandleInTransactionError(member);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return guarded;
}
