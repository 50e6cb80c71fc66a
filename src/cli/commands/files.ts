import { loadConfig } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { openConfiguredDatabase } from '../../runtime.js';
import { describeProblem, verifyFileStore } from '../../services/files/integrity.js';
import type { CliIo } from '../io.js';

/** A database and data folder to check; tests pass their own, the command opens the configured ones. */
export interface FilesTarget {
  db: Db;
  dataDir: string;
}

/**
 * `files verify`: checks every stored file any row refers to against its sha256 and size.
 * Prints one line per missing or changed file (with the rows that use it) and exits 1 if
 * there is any; exit 0 with a count when the whole store is intact.
 */
export async function run(args: string[], io: CliIo, target?: FilesTarget): Promise<number> {
  if (args[0] !== 'verify') {
    io.stderr('usage: files verify\n');
    return 2;
  }
  if (target) return report(await verifyFileStore(target.db, target.dataDir), io);
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    return report(await verifyFileStore(database.db, config.dataDir), io);
  } finally {
    await database.close();
  }
}

function report(result: Awaited<ReturnType<typeof verifyFileStore>>, io: CliIo): number {
  if (result.problems.length === 0) {
    io.stdout(`文件存储完好：已校验 ${result.checked} 个文件\n`);
    return 0;
  }
  for (const p of result.problems) {
    const rows = p.files.map((f) => `${f.originalName}（文件 ${f.id}${f.applicationId ? `，申报 ${f.applicationId}` : ''}）`).join('；');
    io.stderr(`${p.problem === 'missing' ? '缺失' : '已改变'} ${p.sha256}: ${describeProblem(p.problem)} — ${rows}\n`);
  }
  io.stderr(`文件存储有问题：${result.problems.length} 个文件缺失或已改变（共校验 ${result.checked} 个）\n`);
  return 1;
}
