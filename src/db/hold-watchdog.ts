/**
 * Liveness: how long each transaction holds the database. PGlite serialises everything
 * behind one lock, so a transaction that waits on something slow (file I/O, a lock, the
 * outer handle: the organisation-rename deadlock) stops the whole server; on PostgreSQL it
 * pins a pool connection and its row locks. Every transaction opened through the guarded
 * handle (db/transaction-guard.ts) is tracked here. When one passes the configured bound, the
 * watchdog reports it *while it is still held* (a timer, not a measurement at the end: a
 * deadlocked transaction never ends), with the stack that opened it.
 */
export interface HoldReport {
  heldMs: number;
  limitMs: number;
  /** Where the transaction was opened (async stack), to find the culprit. */
  openedAt: string;
}

interface ActiveHold {
  startedAt: number;
  openedAt: string;
}

export interface WatchdogSettings {
  limitMs: number;
  onExceeded: (report: HoldReport) => void;
}

/** Open transactions per database handle: one stuck database says nothing about another. */
const activeByOwner = new WeakMap<object, Set<ActiveHold>>();
let settings: WatchdogSettings | null = null;
let longestMs = 0;

/** Turns the watchdog on (or off with `null`); transactions opened before keep their old bound. */
export function configureHoldWatchdog(next: WatchdogSettings | null): void {
  settings = next;
}

/** The watchdog in force (tests put it back after trying their own). */
export function holdWatchdogSettings(): WatchdogSettings | null {
  return settings;
}

/** Marks the start of a hold on `owner` (a database handle); call the returned function when it ends. */
export function beginHold(owner: object): () => void {
  let active = activeByOwner.get(owner);
  if (!active) activeByOwner.set(owner, (active = new Set()));
  const hold: ActiveHold = { startedAt: performance.now(), openedAt: '' };
  const current = settings;
  let timer: NodeJS.Timeout | undefined;
  if (current) {
    // The stack is captured only when someone listens: it costs a few microseconds.
    hold.openedAt = new Error('transaction opened').stack ?? '';
    timer = setTimeout(() => current.onExceeded({ heldMs: Math.round(performance.now() - hold.startedAt), limitMs: current.limitMs, openedAt: hold.openedAt }), current.limitMs);
    timer.unref();
  }
  active.add(hold);
  return () => {
    if (timer) clearTimeout(timer);
    active!.delete(hold);
    longestMs = Math.max(longestMs, performance.now() - hold.startedAt);
  };
}

/** The age of the oldest transaction still open on `owner`, in ms (0 when none): reported by /api/health. */
export function oldestHoldMs(owner: object): number {
  let oldest = 0;
  const now = performance.now();
  for (const hold of activeByOwner.get(owner) ?? []) oldest = Math.max(oldest, now - hold.startedAt);
  return Math.round(oldest);
}

/** The longest hold that has ended since the process started (tests report it). */
export function longestFinishedHoldMs(): number {
  return Math.round(longestMs);
}
