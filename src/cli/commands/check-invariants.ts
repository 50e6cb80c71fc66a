import { loadConfig, type AppConfig } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { DataDirLockedError } from '../../db/data-dir-lock.js';
import { openConfiguredDatabase } from '../../runtime.js';
import { readBackupEndpoint } from '../../services/backup/server-channel.js';
import { describeReport, runInvariantChecks, type InvariantReport } from '../../services/invariants/index.js';
import type { CliIo } from '../io.js';

/** A database and data folder to check; tests pass their own, the command opens the configured ones. */
export interface InvariantTarget {
  db: Db;
  dataDir: string;
  now?: Date;
}

/**
 * `check [--json]`: runs every invariant (services/invariants) and prints each violation with
 * the record it concerns, then a summary; exit 1 when any is found. With `--json` stdout is
 * the report as JSON. While a server holds the PGlite folder, that server runs the checks
 * (the same local channel `backup` uses).
 */
export async function runInvariants(args: string[], io: CliIo, target?: InvariantTarget): Promise<number> {
  const json = args.includes('--json');
  if (args.some((a) => a !== '--json')) {
    io.stderr('用法：check [--json]\n');
    return 2;
  }
  if (target) return print(await runInvariantChecks({ db: target.db, dataDir: target.dataDir, now: target.now }), json, io);
  const config = loadConfig();
  if (!config.databaseUrl) {
    const viaServer = await checkThroughServer(config, io);
    if (viaServer) return print(viaServer, json, io);
  }
  let database;
  try {
    database = await openConfiguredDatabase(config, { migrate: false });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      io.stderr(`数据目录正被进程 ${error.pid} 使用，且未找到其本地检查通道。请用同一 DATA_DIR 启动的服务器运行，或先停止服务器再检查\n`);
      return 1;
    }
    throw error;
  }
  try {
    return print(await runInvariantChecks({ db: database.db, dataDir: config.dataDir }), json, io);
  } finally {
    await database.close();
  }
}

/** null when no live server published an endpoint for this data folder. */
async function checkThroughServer(config: AppConfig, io: CliIo): Promise<InvariantReport | null> {
  const endpoint = await readBackupEndpoint(config.dataDir);
  if (!endpoint || !processAlive(endpoint.pid)) return null;
  io.stderr(`服务器（进程 ${endpoint.pid}）正在使用该数据目录，由服务器运行检查…\n`);
  const response = await fetch(`${endpoint.url}/api/system/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-backup-token': endpoint.token },
    body: '{}',
  });
  const body = (await response.json().catch(() => ({}))) as Partial<InvariantReport> & { message?: string };
  if (response.status !== 200 || !Array.isArray(body.violations) || !Array.isArray(body.checks)) {
    throw new Error(`服务器未能运行检查：${body.message ?? `HTTP ${response.status}`}`);
  }
  return body as InvariantReport;
}

function print(report: InvariantReport, json: boolean, io: CliIo): number {
  const failed = report.violations.length > 0;
  if (json) {
    io.stdout(`${JSON.stringify(report)}\n`);
    return failed ? 1 : 0;
  }
  const { lines, summary } = describeReport(report);
  for (const line of lines) io.stderr(`${line}\n`);
  (failed ? io.stderr : io.stdout)(`${summary}\n`);
  return failed ? 1 : 0;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
