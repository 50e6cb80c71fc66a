import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { migrateDatabase, type Database, type Tx } from '../../db/connection.js';
import { invalidateAllSessions, invalidateSessions } from '../auth/session-invalidation.js';
import type { ContentProblem } from '../files/store.js';
import { fileStoreFor } from '../files/store.js';
import { listTables, quoteIdent, rowsOf, serialColumns, tableRowsQuery, type TableInfo } from './catalog.js';
import { copyVerified } from './copy.js';
import { folderAtLevel } from './levels.js';
import { backupContentPath, readManifest, type BackupManifest, type BackupSite } from './manifest.js';
import { restoreWitness, witnessInTheWay } from './witness-files.js';
import { verifyRestoredSystem, type RestoreReport, type TableCheck } from './verify.js';

/**
 * Restores a backup folder (dump.ts) into an empty system: migrations up to the backup's
 * level, the rows table by table in foreign-key order in one transaction (all or nothing),
 * sequences moved past the restored ids, the remaining migrations, then the file bytes and
 * the audit witness.
 * Afterwards the system is checked (verify.ts) and every mismatch reported; the data stays.
 */
export class RestoreRefusedError extends Error {}

export interface RestoreOptions {
  /** Wipe a target that holds data first. */
  force: boolean;
}

/** Largest JSON array handed to one INSERT: bounded memory, few round trips. */
const BATCH_BYTES = 4 * 1024 * 1024;

/** `database` must be opened without migrations (the restore chooses the level). */
export async function restoreBackup(database: Database, site: BackupSite, sourceDir: string, options: RestoreOptions): Promise<RestoreReport> {
  const source = path.resolve(sourceDir);
  const manifest = await readManifest(source);
  const store = fileStoreFor(site.dataDir);
  const holding = (await targetHoldsData(database, store.root)) ?? (await witnessInTheWay(site.witness, source, manifest.witness));
  if (holding && !options.force) {
    throw new RestoreRefusedError(`目标系统已有数据（${holding}），拒绝恢复以免覆盖。确认要清空目标并恢复，请加 --force`);
  }
  if (holding) await wipe(database, store.root);

  const atLevel = await folderAtLevel(manifest.migration);
  let tables: TableCheck[];
  try {
    await migrateDatabase(database, atLevel.folder);
    tables = await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
      // Every session and account is replaced: no process may keep serving one it cached.
      await invalidateSessions(tx, { kind: 'all' });
      const checks: TableCheck[] = [];
      for (const entry of manifest.tables) checks.push(await insertTable(tx, source, entry).catch((error: unknown) => unreadableDump(source, entry, error)));
      await resetSequences(tx);
      // Read back inside the same transaction, before later migrations reshape the tables.
      const infos = new Map((await listTables(tx)).map((t) => [t.name, t]));
      for (const check of checks) {
        const info = infos.get(check.name);
        const restored = info ? await restoredContent(tx, info) : { rows: 0, sha256: '' };
        check.restoredRows = restored.rows;
        check.contentMatches = restored.sha256 === manifest.tables.find((t) => t.name === check.name)?.sha256;
      }
      return checks;
    });
  } finally {
    await atLevel.remove();
  }
  await migrateDatabase(database);

  const copyProblems: Array<{ sha256: string; problem: ContentProblem }> = [];
  for (const file of manifest.files) {
    const problem = await copyVerified(backupContentPath(source, file.sha256), store.contentPath(file.sha256), file.sha256, file.size);
    if (problem) copyProblems.push({ sha256: file.sha256, problem });
  }
  await restoreWitness(site.witness, source, manifest.witness);
  return verifyRestoredSystem(database.db, site, manifest, tables, copyProblems);
}

/** Why the target is not empty (a sentence), or null when it holds no row and no stored file. */
export async function targetHoldsData(database: Database, storeRoot: string): Promise<string | null> {
  for (const table of await listTables(database.db)) {
    const [row] = await rowsOf<{ any: boolean }>(database.db, sql.raw(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table.name)}) AS any`));
    if (row?.any) return `数据表 ${table.name} 中有记录`;
  }
  const entries = await fs.readdir(storeRoot).catch(() => [] as string[]);
  if (entries.some((e) => /^[0-9a-f]{2}$/.test(e))) return `文件存储 ${storeRoot} 中有文件`;
  return null;
}

/**
 * --force: the public schema and drizzle's migration record are dropped whole (the audit
 * table's append-only triggers forbid DELETE and TRUNCATE, not DROP), and the store emptied.
 */
async function wipe(database: Database, storeRoot: string): Promise<void> {
  await database.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE;');
  await invalidateAllSessions(database);
  await fs.rm(storeRoot, { recursive: true, force: true });
}

async function insertTable(tx: Tx, source: string, entry: BackupManifest['tables'][number]): Promise<TableCheck> {
  const hash = createHash('sha256');
  const lines = createInterface({ input: createReadStream(path.join(source, entry.file), 'utf8'), crlfDelay: Infinity });
  const table = quoteIdent(entry.name);
  let batch: string[] = [];
  let batchBytes = 0;
  let inserted = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    // The database parses its own row_to_json text back: exact, column by column.
    await tx.execute(sql`INSERT INTO ${sql.raw(table)} SELECT * FROM json_populate_recordset(NULL::${sql.raw(table)}, ${`[${batch.join(',')}]`}::json)`);
    inserted += batch.length;
    batch = [];
    batchBytes = 0;
  };
  for await (const line of lines) {
    hash.update(`${line}\n`);
    if (line.length === 0) continue;
    batch.push(line);
    batchBytes += line.length;
    if (batchBytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return { name: entry.name, expectedRows: entry.rows, insertedRows: inserted, dumpIntact: hash.digest('hex') === entry.sha256, restoredRows: 0, contentMatches: false };
}

/**
 * A table whose dump the database will not take (an edited or damaged file): the whole restore
 * is refused, its transaction rolled back, with the table named and whether the file still
 * matches the manifest — never the raw rows in the message.
 */
async function unreadableDump(source: string, entry: BackupManifest['tables'][number], error: unknown): Promise<never> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path.join(source, entry.file))) hash.update(chunk as Buffer);
  const intact = hash.digest('hex') === entry.sha256;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '无法解析';
  throw new RestoreRefusedError(`备份中数据表 ${entry.name} 的内容无法写入（${cause}）：该表的备份文件${intact ? '与清单的 SHA-256 相符' : '与清单的 SHA-256 不符，已被改动或损坏'}。未恢复任何数据`);
}

async function resetSequences(tx: Tx): Promise<void> {
  for (const { table, column } of await serialColumns(tx)) {
    const t = quoteIdent(table);
    const c = quoteIdent(column);
    // is_called=false with 1 on an empty table: the next id is 1, as in a fresh system.
    await tx.execute(
      sql.raw(`SELECT setval(pg_get_serial_sequence('${t.replace(/'/g, "''")}', '${column.replace(/'/g, "''")}'), COALESCE(MAX(${c}), 0) + 1, false) FROM ${t}`),
    );
  }
}

/** The restored table read the way dump.ts reads it: the same rows give the same sha256. */
export async function restoredContent(tx: Tx, table: TableInfo): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  await tx.execute(sql.raw(`DECLARE restored_rows NO SCROLL CURSOR FOR ${tableRowsQuery(table)}`));
  for (;;) {
    const batch = await rowsOf<{ j: string }>(tx, sql.raw('FETCH FORWARD 1000 FROM restored_rows'));
    if (batch.length === 0) break;
    for (const r of batch) hash.update(`${r.j}\n`);
    rows += batch.length;
  }
  await tx.execute(sql.raw('CLOSE restored_rows'));
  return { rows, sha256: hash.digest('hex') };
}
