import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, readDirQuietly, removeQuietly, statQuietly } from './fs-util.js';
import type { FileStore } from './store.js';

/**
 * Removing content that identical uploads may be placing at the same moment, in this or
 * another process. A placement claims the hash, then renames fresh bytes onto the content
 * name (store.place); its row commits under the shared content lock (sweep.ts). A remover
 * holds that lock exclusively and:
 *   1. renames the content into trash/ (atomic: what it moved is exactly what it judges);
 *   2. keeps it — links it back — if the moved file is young (`youngAfterMs`), a placement
 *      of the hash is unsettled (a claim file exists), or a row refers to it (`inUse`);
 *   3. otherwise unlinks it.
 * A placement that claimed before step 2 is seen there; one that claimed after renames its
 * own bytes onto the name after step 1, so they are not the ones removed; one that settled
 * before step 2 left a row, seen by `inUse`. No row can commit between 1 and 2 (the lock).
 */
export interface RemovalChecks {
  /** Spare content modified after this instant (ms since the epoch). */
  youngAfterMs?: number;
  /** Whether a committed row refers to the hash; asked last, after the claims. */
  inUse(): Promise<boolean>;
}

export async function removeUnlessInUse(store: FileStore, sha256: string, checks: RemovalChecks): Promise<boolean> {
  const target = store.contentPath(sha256);
  const before = await statQuietly(target);
  if (!before) return false;
  if (checks.youngAfterMs !== undefined && before.mtimeMs > checks.youngAfterMs) return false;
  await fs.mkdir(store.trashDir, { recursive: true });
  const trash = path.join(store.trashDir, `${sha256}.${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    await fs.rename(target, trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await fs.lstat(trash);
  const young = checks.youngAfterMs !== undefined && moved.mtimeMs > checks.youngAfterMs;
  if (young || (await store.isClaimed(sha256)) || (await checks.inUse())) {
    await restore(trash, target);
    return false;
  }
  await fs.unlink(trash);
  // Durable removal: a removal lost in a power cut only brings back an orphan for the next sweep.
  await fsyncDir(path.dirname(target)).catch(() => undefined);
  return true;
}

/** Puts trashed content back under its name (unless identical bytes were placed meanwhile), durably. */
async function restore(trash: string, target: string): Promise<void> {
  try {
    await fs.link(trash, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  await fsyncDir(path.dirname(target));
  await removeQuietly(trash);
}

/** Hashes with something in trash/: left by a remover that died between its steps. */
export async function trashedHashes(store: FileStore): Promise<string[]> {
  return [...new Set((await readDirQuietly(store.trashDir)).map((name) => name.split('.')[0]).filter((sha) => /^[0-9a-f]{64}$/.test(sha)))];
}

/**
 * Recovers what a dead remover left for one hash (call under the exclusive content lock):
 * restores the content if its name is empty, else drops the trashed copy. Whether it is
 * still needed is then the sweep's ordinary question.
 */
export async function recoverTrash(store: FileStore, sha256: string): Promise<number> {
  let recovered = 0;
  for (const name of await readDirQuietly(store.trashDir)) {
    if (!name.startsWith(`${sha256}.`)) continue;
    const trash = path.join(store.trashDir, name);
    await fs.mkdir(path.dirname(store.contentPath(sha256)), { recursive: true });
    await restore(trash, store.contentPath(sha256));
    recovered++;
  }
  return recovered;
}
