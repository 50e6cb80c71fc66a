import type { Db } from '../db/connection.js';
import { walPosition } from '../db/wal-position.js';

/**
 * Answers to hot reads (the first page of a list) kept with the database's position read
 * *before* they were computed, and served again only while the position has not moved since
 * (db/wal-position.ts: PostgreSQL's WAL insert position; on PGlite this process's count of
 * exchanges that may change data). Any change by anyone — this process or another, through
 * any path — moves the position before it becomes visible, so an answer is never served once
 * what it was computed from may have changed: a change during the computation leaves the
 * entry stamped with the older position, and the next read misses. There is no invalidation
 * to forget. On PostgreSQL it costs one trivial query per read.
 */
export class ReadCache {
  private readonly entries = new Map<string, { position: string; value: unknown }>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 500) {}

  get(key: string, position: string): unknown {
    const entry = this.entries.get(key);
    if (!entry || entry.position !== position) {
      this.misses++;
      return undefined;
    }
    // Least recently used goes first: a hit moves the entry to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.value;
  }

  store(key: string, position: string, value: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, { position, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<object, ReadCache>();

/** The cache of the database behind `db` (the outer handle), made on first use. */
export function readCacheOf(db: Db): ReadCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new ReadCache()));
  return cache;
}

/**
 * `compute()`'s answer for `key`, from the cache while nothing has been written since it was
 * computed. The key must name everything the answer depends on besides the data: who asks
 * (as far as it matters) and every parameter. The answer is shared: never change it.
 */
export async function readThrough<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const cache = readCacheOf(db);
  // A server that will not tell its position (a role without the right, a standby) just
  // gets every read computed; a database that is down fails in compute() as it would anyway.
  const position = await walPosition(db).catch(() => null);
  if (position === null) return compute();
  const hit = cache.get(key, position);
  if (hit !== undefined) return hit as T;
  const value = await compute();
  cache.store(key, position, value);
  return value;
}
