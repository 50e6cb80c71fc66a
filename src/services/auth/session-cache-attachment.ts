import type { Database } from '../../db/connection.js';
import type { NotificationListener } from '../../db/notification-listener.js';
import { SessionCache, type SessionChange } from './session-cache.js';

/** Where every change is announced (PostgreSQL), and how listening connections are named. */
export const SESSION_CHANNEL = 'mqa_session_changes';
export const LISTENER_NAME_PREFIX = 'mqa-sessions-';

/** A change as announced: who should answer once it has been dropped (the writer's channel). */
export type NotifiedChange = SessionChange & { id: string; replyTo: string | null };

/** How long a writer waits for the other processes' answers before it gives up on a silent one. */
export const ANSWER_TIMEOUT_MS = 2_000;

interface Waiter {
  remaining: number;
  done: () => void;
}

export interface Attachment {
  cache: SessionCache;
  /** This process's answer channel while its listener is up, else null (then nobody is awaited). */
  replyChannel(): string | null;
  /** Counts answers to `id` until `expected` have come (or the timeout). */
  expectAnswers(id: string, expected: number): { wait(): Promise<void>; cancel(): void };
}

interface Entry extends Attachment {
  users: number;
  listener: NotificationListener | null;
}

const attached = new WeakMap<object, Entry>();
let serial = 0;

export function attachmentOf(db: object): Attachment | undefined {
  return attached.get(db);
}

/** The cache serving `db` (the outer handle), if an app attached one. */
export function sessionCacheOf(db: object): SessionCache | undefined {
  return attached.get(db)?.cache;
}

/** The server pid of the LISTEN connection behind `db`'s cache (tests kill it), or null. */
export function sessionListenerPid(db: object): number | null {
  return attached.get(db)?.listener?.backendPid() ?? null;
}

function parseChange(payload: string): NotifiedChange {
  try {
    const change = JSON.parse(payload) as NotifiedChange;
    if (['token', 'user', 'organisation', 'all'].includes(change?.kind)) return change;
  } catch {
    /* an unreadable change drops everything */
  }
  return { kind: 'all', id: '', replyTo: null };
}

function createEntry(database: Database, maxEntries: number | undefined): Entry {
  const postgres = database.kind === 'postgres';
  const cache = new SessionCache({ enabled: !postgres, maxEntries });
  const waiters = new Map<string, Waiter>();
  const name = `${LISTENER_NAME_PREFIX}${process.pid}-${++serial}`;
  const replyChannel = `mqa_session_answers_${process.pid}_${serial}`;
  const entry: Entry = {
    cache,
    users: 0,
    listener: null,
    replyChannel: () => (entry.listener?.backendPid() ? replyChannel : null),
    expectAnswers(id, expected) {
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      if (expected <= 0) done();
      else waiters.set(id, { remaining: expected, done });
      return {
        async wait() {
          const timer = setTimeout(done, ANSWER_TIMEOUT_MS);
          await finished;
          clearTimeout(timer);
          waiters.delete(id);
        },
        cancel() {
          waiters.delete(id);
        },
      };
    },
  };
  if (!postgres || !database.listen) return entry;
  entry.listener = database.listen(
    [SESSION_CHANNEL, replyChannel],
    {
      onNotification(channel, payload) {
        if (channel === replyChannel) {
          const waiter = waiters.get(payload);
          if (waiter && --waiter.remaining <= 0) waiter.done();
          return;
        }
        const change = parseChange(payload);
        cache.invalidate(change);
        if (change.replyTo) entry.listener?.notify(change.replyTo, change.id);
      },
      onListening: () => cache.setEnabled(true),
      onLost: () => cache.setEnabled(false),
    },
    name,
  );
  return entry;
}

/**
 * Gives `database` a session cache for as long as the returned `detach` is not called
 * (an app attaches on build and detaches on close; several apps on one handle share it).
 * On PostgreSQL the cache serves nothing until its LISTEN is in force, and again nothing
 * from the moment that connection is lost until it is back: exactness over speed.
 */
export function attachSessionCache(database: Database, options: { maxEntries?: number } = {}): { cache: SessionCache; detach(): Promise<void> } {
  const key = database.db;
  const entry = attached.get(key) ?? createEntry(database, options.maxEntries);
  attached.set(key, entry);
  entry.users++;
  let detached = false;
  return {
    cache: entry.cache,
    async detach() {
      if (detached) return;
      detached = true;
      if (--entry.users > 0) return;
      attached.delete(key);
      entry.cache.setEnabled(false);
      await entry.listener?.close();
    },
  };
}
