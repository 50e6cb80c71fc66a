import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/connection.js';
import { files } from '../../db/schema/index.js';
import { fileStoreFor, type FileStore } from './store.js';

/**
 * Content files are shared by every row with the same sha256 and may be shared across
 * processes (several app instances on one PostgreSQL and one data folder). Whoever places
 * content for a new row holds this lock *shared* from before the rename until the row
 * commits; whoever deletes unreferenced content holds it *exclusively* while it checks that
 * no row refers to the hash. So a deleter never removes bytes a committing row relies on.
 */
const CONTENT_LOCK_NAMESPACE = 726354003;

/** A 32-bit key from the hash; two hashes sharing a key only wait for each other. */
const contentKey = (sha256: string) => Number.parseInt(sha256.slice(0, 8), 16) | 0;

export async function lockContentShared(tx: DbOrTx, sha256: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${CONTENT_LOCK_NAMESPACE}::int4, ${contentKey(sha256)}::int4)`);
}

async function lockContentExclusive(tx: DbOrTx, sha256: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CONTENT_LOCK_NAMESPACE}::int4, ${contentKey(sha256)}::int4)`);
}

/**
 * Deletes a content file if no row (deleted or not: soft-deleted rows keep their bytes)
 * refers to it. Used after a failed commit and by the sweep.
 */
export async function removeContentIfUnreferenced(db: Db, store: FileStore, sha256: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockContentExclusive(tx, sha256);
    const [row] = await tx.select({ id: files.id }).from(files).where(eq(files.sha256, sha256)).limit(1);
    if (row) return false;
    return store.removeContent(sha256);
  });
}

export interface SweepOptions {
  /**
   * Unreferenced content younger than this is left alone. Such a file normally belongs to an
   * upload between rename and commit in another process; only a crash leaves one for long.
   */
  graceMs?: number;
  /** Temp files untouched for this long are dead uploads (a live one writes continually). */
  tmpGraceMs?: number;
  now?: () => number;
}

export interface SweepResult {
  tempFilesRemoved: number;
  orphansRemoved: number;
}

/**
 * Start-up clean-up of what a crash can leave on disk: temp files of interrupted uploads
 * and content files whose row never committed. Never touches content that any row refers to.
 */
export async function sweepFileStore(dataDir: string, db: Db, options: SweepOptions = {}): Promise<SweepResult> {
  const store = fileStoreFor(dataDir);
  const now = options.now?.() ?? Date.now();
  const tempFilesRemoved = await store.removeStaleTemps(now - (options.tmpGraceMs ?? 10 * 60_000));

  const cutoff = now - (options.graceMs ?? 60 * 60_000);
  const referenced = new Set((await db.selectDistinct({ sha256: files.sha256 }).from(files)).map((r) => r.sha256));
  let orphansRemoved = 0;
  for await (const content of store.listContent()) {
    if (referenced.has(content.sha256) || content.mtimeMs > cutoff) continue;
    // Re-checked under the lock: a row may have committed since the set was read.
    if (await removeContentIfUnreferenced(db, store, content.sha256)) orphansRemoved++;
  }
  return { tempFilesRemoved, orphansRemoved };
}

export interface TempSweep {
  stop(): void;
}

/**
 * Removes temp files of dead uploads while the server runs (a killed client, a killed
 * process sharing the folder), not only at the next start. A live upload writes to its temp
 * file at least every body-idle timeout, so `graceMs` above that spares every young file.
 */
export function startTempSweep(dataDir: string, options: { intervalMs: number; graceMs: number; onError?: (error: unknown) => void; onSwept?: (removed: number) => void }): TempSweep {
  const store = fileStoreFor(dataDir);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    store
      .removeStaleTemps(Date.now() - options.graceMs)
      .then((removed) => options.onSwept?.(removed), options.onError)
      .finally(() => (running = false));
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
