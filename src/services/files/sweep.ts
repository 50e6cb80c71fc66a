import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/connection.js';
import { files } from '../../db/schema/index.js';
import { recoverTrash, removeUnlessInUse, trashedHashes } from './removal.js';
import { fileStoreFor, type FileStore, type PlacedFile } from './store.js';

/**
 * How long unreferenced content (and a placement's claim) is presumed to belong to a
 * transaction still running. A placement happens just before its transaction, which then
 * waits at most for the database (seconds in a deadline rush) and runs its SQL; 15 minutes is
 * two orders of magnitude above that, and short enough that the bytes of a crash between
 * placing and committing are freed by the next periodic sweep. A transaction that does take
 * longer re-checks its content under the lock (lockPlacedContent), so even then no row
 * commits without its file.
 */
export const CONTENT_GRACE_MS = 15 * 60_000;

/**
 * Content files are shared by every row with the same sha256 and may be shared across
 * processes (several app instances on one PostgreSQL and one data folder). A transaction
 * inserting a row for placed content holds this lock *shared*; whoever removes content holds
 * it *exclusively* for the whole removal (removal.ts), so no row commits halfway through one.
 */
const CONTENT_LOCK_NAMESPACE = 726354003;

/** A 32-bit key from the hash; two hashes sharing a key only wait for each other. */
const contentKey = (sha256: string) => Number.parseInt(sha256.slice(0, 8), 16) | 0;

async function lockContentShared(tx: DbOrTx, sha256: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${CONTENT_LOCK_NAMESPACE}::int4, ${contentKey(sha256)}::int4)`);
}

async function lockContentExclusive(tx: DbOrTx, sha256: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CONTENT_LOCK_NAMESPACE}::int4, ${contentKey(sha256)}::int4)`);
}

/** The placed content went missing before its row could commit (only after CONTENT_GRACE_MS). */
export class PlacedContentLostError extends Error {
  constructor(readonly sha256: string) {
    super(`placed content ${sha256} is gone`);
  }
}

/**
 * In the row's transaction, before inserting it: takes the shared content lock. Placed less
 * than half the grace period ago, the content is known to be there (a remover spares it);
 * older, it is checked once under the lock, which no remover can then pass.
 */
export async function lockPlacedContent(tx: DbOrTx, store: FileStore, placed: PlacedFile, now = Date.now()): Promise<void> {
  await lockContentShared(tx, placed.sha256);
  if (now - placed.claimedAt > CONTENT_GRACE_MS / 2 && !(await store.hasContent(placed.sha256))) throw new PlacedContentLostError(placed.sha256);
}

/**
 * After the row's transaction: releases the claim and, when no row was committed, removes the
 * content unless another row or placement needs it. A failure here leaves it to the sweep.
 */
export async function settlePlacement(db: Db, store: FileStore, placed: PlacedFile, committed: boolean): Promise<void> {
  await placed.release().catch(() => undefined);
  if (!committed) await removeContentIfUnreferenced(db, store, placed.sha256).catch(() => undefined);
}

/**
 * Deletes a content file if no row (deleted or not: soft-deleted rows keep their bytes)
 * refers to it and no placement of it is unsettled; with `youngAfterMs`, spares it when
 * modified after that instant. The SQL is one lock and one lookup; the file work is a
 * rename, a stat and an unlink (a restore fsyncs), on this rare path only.
 */
export async function removeContentIfUnreferenced(db: Db, store: FileStore, sha256: string, youngAfterMs?: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockContentExclusive(tx, sha256);
    const inUse = async () => (await tx.select({ id: files.id }).from(files).where(eq(files.sha256, sha256)).limit(1)).length > 0;
    return removeUnlessInUse(store, sha256, { youngAfterMs, inUse });
  });
}

export interface SweepOptions {
  /** Unreferenced content younger than this is left alone (default CONTENT_GRACE_MS). */
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
 * Clean-up of what a crash or a refusal can leave on disk: temp files of interrupted
 * uploads, claims of dead processes, trash of a dead remover, and content files whose row
 * never committed. Never touches content that any row refers to or a placement still claims.
 */
export async function sweepFileStore(dataDir: string, db: Db, options: SweepOptions = {}): Promise<SweepResult> {
  const store = fileStoreFor(dataDir);
  const now = options.now?.() ?? Date.now();
  const tempFilesRemoved = await store.removeStaleTemps(now - (options.tmpGraceMs ?? 10 * 60_000));
  const cutoff = now - (options.graceMs ?? CONTENT_GRACE_MS);
  await store.removeStaleClaims(cutoff);
  for (const sha256 of await trashedHashes(store)) {
    await db.transaction(async (tx) => {
      await lockContentExclusive(tx, sha256);
      await recoverTrash(store, sha256);
    });
  }

  const referenced = new Set((await db.selectDistinct({ sha256: files.sha256 }).from(files)).map((r) => r.sha256));
  let orphansRemoved = 0;
  for await (const content of store.listContent()) {
    if (referenced.has(content.sha256) || content.mtimeMs > cutoff) continue;
    // Re-checked under the lock: a row may have committed since the set was read.
    if (await removeContentIfUnreferenced(db, store, content.sha256, cutoff)) orphansRemoved++;
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

/**
 * The whole sweep while the server runs, so content of an upload refused or cut between
 * placing and committing is freed without waiting for a restart.
 */
export function startContentSweep(dataDir: string, db: Db, options: { intervalMs: number; tmpGraceMs: number; onError?: (error: unknown) => void; onSwept?: (result: SweepResult) => void }): TempSweep {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepFileStore(dataDir, db, { tmpGraceMs: options.tmpGraceMs })
      .then((result) => options.onSwept?.(result), options.onError)
      .finally(() => (running = false));
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
