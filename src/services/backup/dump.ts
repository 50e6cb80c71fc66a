import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection.js';
import { fileStoreFor } from '../files/store.js';
import { listTables, migrationLevel, rowsOf, tableRowsQuery, type TableInfo } from './catalog.js';
import { copyVerified } from './copy.js';
import { backupContentPath, BACKUP_FORMAT, BACKUP_VERSION, MANIFEST_FILE, type BackupManifest, type BackupSite } from './manifest.js';
import { backupWitness } from './witness-files.js';

/**
 * A logical backup, the same for PGlite and PostgreSQL (and so tested on both):
 *
 * 1. One REPEATABLE READ, READ ONLY transaction reads every table of the public schema, the
 *    migration level, the audit head and the list of stored contents the `files` rows need.
 *    Every table comes from the same snapshot, so the dump is consistent while the server
 *    keeps writing (on PostgreSQL other sessions are not blocked; on PGlite, which has one
 *    connection, requests wait for the dump's transaction — seconds for this system's size).
 * 2. After the snapshot, the bytes of those contents are copied and checked against their
 *    sha256. The store is content-addressed and append-only, and an upload's bytes are in
 *    place before its row commits, so every content a snapshot row names is already on
 *    disk; later uploads only add files the snapshot does not name.
 * 3. The audit witness's key and its log up to the snapshot's head (witness-files.ts).
 *
 * Why not pg_dump: it needs a PostgreSQL server and matching client binaries, and cannot
 * read a PGlite folder; this dump goes through the application's own handle, so one code
 * path serves both databases and the tests prove it on both.
 */
export class BackupTargetError extends Error {}

export interface BackupResult {
  manifest: BackupManifest;
  dir: string;
}

const FETCH_ROWS = 1000;

export async function writeBackup(db: Db, kind: 'pglite' | 'postgres', site: BackupSite, targetDir: string, now: Date): Promise<BackupResult> {
  const dir = path.resolve(targetDir);
  await prepareTarget(dir);
  const snapshot = await db.transaction(
    async (tx) => {
      // Timestamps as UTC text: the same rows dump to the same bytes whatever the server's zone.
      await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
      const tables = await listTables(tx);
      const dumped: BackupManifest['tables'] = [];
      for (const table of tables) dumped.push(await dumpTable(tx, table, dir));
      const [head] = await rowsOf<{ seq: number | string; hash: string }>(tx, sql`SELECT seq, hash FROM audit_head LIMIT 1`);
      const files = await rowsOf<{ sha256: string; size: number }>(tx, sql`SELECT sha256, min(size) AS size FROM files GROUP BY sha256 ORDER BY sha256`);
      return { tables: dumped, migration: await migrationLevel(tx), head, files: files.map((f) => ({ sha256: f.sha256, size: Number(f.size) })) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );

  const store = fileStoreFor(site.dataDir);
  const fileProblems: BackupManifest['fileProblems'] = [];
  for (const file of snapshot.files) {
    const problem = await copyVerified(store.contentPath(file.sha256), backupContentPath(dir, file.sha256), file.sha256, file.size);
    if (problem) fileProblems.push({ sha256: file.sha256, problem });
  }

  const head = snapshot.head ? { seq: Number(snapshot.head.seq), hash: snapshot.head.hash } : null;
  const witness = await backupWitness(site.witness, dir, head?.seq ?? 0);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    databaseKind: kind,
    migration: snapshot.migration,
    tables: snapshot.tables,
    auditHead: head,
    files: snapshot.files,
    fileProblems,
    witness,
  };
  // The manifest last, and atomically: its presence marks a finished backup.
  const temp = path.join(dir, `${MANIFEST_FILE}.part`);
  await fs.writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temp, path.join(dir, MANIFEST_FILE));
  return { manifest, dir };
}

/** The target must be new or empty: a backup never mixes with another one. */
async function prepareTarget(dir: string): Promise<void> {
  const entries = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (entries && entries.length > 0) throw new BackupTargetError(`备份目录 ${dir} 不是空目录，请指定一个新的或空的目录`);
  await fs.mkdir(path.join(dir, 'tables'), { recursive: true, mode: 0o700 });
}

/** Streams one table through a cursor (bounded memory), hashing the bytes as they are written. */
async function dumpTable(tx: Tx, table: TableInfo, dir: string): Promise<BackupManifest['tables'][number]> {
  const file = `tables/${table.name}.ndjson`;
  const handle = await fs.open(path.join(dir, file), 'wx', 0o600);
  const hash = createHash('sha256');
  let rows = 0;
  try {
    await tx.execute(sql.raw(`DECLARE backup_rows NO SCROLL CURSOR FOR ${tableRowsQuery(table)}`));
    for (;;) {
      const batch = await rowsOf<{ j: string }>(tx, sql.raw(`FETCH FORWARD ${FETCH_ROWS} FROM backup_rows`));
      if (batch.length === 0) break;
      const chunk = Buffer.from(batch.map((r) => `${r.j}\n`).join(''), 'utf8');
      hash.update(chunk);
      await handle.write(chunk);
      rows += batch.length;
    }
    await tx.execute(sql.raw('CLOSE backup_rows'));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { name: table.name, file, rows, sha256: hash.digest('hex') };
}
