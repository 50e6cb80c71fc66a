import path from 'node:path';
import { loadConfig, type AppConfig } from '../../config.js';
import { DataDirLockedError } from '../../db/data-dir-lock.js';
import type { Database } from '../../db/connection.js';
import { openConfiguredDatabase } from '../../runtime.js';
import { writeBackup } from '../../services/backup/dump.js';
import type { BackupManifest, BackupSite } from '../../services/backup/manifest.js';
import { restoreBackup } from '../../services/backup/restore.js';
import { readBackupEndpoint } from '../../services/backup/server-channel.js';
import { describeRestoreReport } from '../../services/backup/verify.js';
import type { CliIo } from '../io.js';

/** A database and data folder to use; tests pass their own, the commands open the configured ones. */
export interface BackupTarget extends BackupSite {
  database: Database;
}

/**
 * `backup <dir>`: a consistent logical backup (services/backup/dump.ts). On PostgreSQL, and
 * on a PGlite folder no server holds, the CLI takes it itself; while a server holds the
 * PGlite folder, that server takes it (services/backup/server-channel.ts).
 */
export async function run(args: string[], io: CliIo, target?: BackupTarget): Promise<number> {
  const [dir, ...rest] = args;
  if (!dir || rest.length > 0) {
    io.stderr('usage: backup <dir>\n');
    return 2;
  }
  if (target) return printBackup(await writeBackup(target.database.db, target.database.kind, target, dir, new Date()), io);
  const config = loadConfig();
  if (!config.databaseUrl) {
    const viaServer = await backupThroughServer(config, dir, io);
    if (viaServer !== null) return viaServer;
  }
  const database = await openConfiguredDatabase(config, { migrate: false });
  try {
    return printBackup(await writeBackup(database.db, database.kind, siteOf(config), dir, new Date()), io);
  } finally {
    await database.close();
  }
}

/** null when no live server published an endpoint for this data folder. */
async function backupThroughServer(config: AppConfig, dir: string, io: CliIo): Promise<number | null> {
  const endpoint = await readBackupEndpoint(config.dataDir);
  if (!endpoint || !processAlive(endpoint.pid)) return null;
  io.stderr(`服务器（进程 ${endpoint.pid}）正在使用该数据目录，由服务器写入备份…\n`);
  const response = await fetch(`${endpoint.url}/api/system/backup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-backup-token': endpoint.token },
    body: JSON.stringify({ dir: path.resolve(dir) }),
  });
  const body = (await response.json().catch(() => ({}))) as { dir?: string; manifest?: BackupManifest; message?: string };
  if (response.status !== 201 || !body.manifest || !body.dir) {
    io.stderr(`服务器未能写入备份：${body.message ?? `HTTP ${response.status}`}\n`);
    return 1;
  }
  return printBackup({ dir: body.dir, manifest: body.manifest }, io);
}

function printBackup({ dir, manifest }: { dir: string; manifest: BackupManifest }, io: CliIo): number {
  const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  io.stdout(
    `备份已写入 ${dir}：${manifest.tables.length} 张数据表共 ${rows} 行，${manifest.files.length - manifest.fileProblems.length} 个文件，` +
      `审计链头 ${manifest.auditHead ? `第 ${manifest.auditHead.seq} 条` : '（空）'}，迁移级别 ${manifest.migration.count}\n`,
  );
  if (manifest.fileProblems.length === 0) return 0;
  for (const p of manifest.fileProblems) io.stderr(`文件 ${p.sha256} 在源存储中${p.problem === 'missing' ? '缺失' : '已损坏'}，未能备份\n`);
  io.stderr(`备份不完整：${manifest.fileProblems.length} 个文件缺失或损坏（请先用 files verify 检查文件存储）\n`);
  return 1;
}

/**
 * `restore <dir> [--force]`: into an empty system only, unless --force (wipe first). Prints
 * every mismatch the verification finds and exits 1 then; the restored data stays.
 */
export async function runRestore(args: string[], io: CliIo, target?: BackupTarget): Promise<number> {
  const force = args.includes('--force');
  const positional = args.filter((a) => a !== '--force');
  if (positional.length !== 1) {
    io.stderr('usage: restore <dir> [--force]\n');
    return 2;
  }
  const [dir] = positional;
  if (target) return printRestore(await restoreBackup(target.database, target, dir, { force }), io);
  const config = loadConfig();
  let database: Database;
  try {
    database = await openConfiguredDatabase(config, { migrate: false });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      io.stderr(`数据目录正被进程 ${error.pid} 使用（服务器正在运行）。请先停止服务器，再恢复备份\n`);
      return 1;
    }
    throw error;
  }
  try {
    return printRestore(await restoreBackup(database, siteOf(config), dir, { force }), io);
  } finally {
    await database.close();
  }
}

function printRestore(report: Awaited<ReturnType<typeof restoreBackup>>, io: CliIo): number {
  const { problems, summary } = describeRestoreReport(report);
  for (const p of problems) io.stderr(`${p}\n`);
  (report.ok ? io.stdout : io.stderr)(`${summary}\n`);
  return report.ok ? 0 : 1;
}

const siteOf = (config: AppConfig): BackupSite => ({ dataDir: config.dataDir, witness: config.audit });

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
