import path from 'node:path';
import { loadConfig, type AppConfig } from '../../config.js';
import { openConfiguredDatabase } from '../../runtime.js';
import { StepError } from '../describe-error.js';
import type { CliIo } from '../io.js';
import { DEMO_MILESTONE_NAMES, isDemoMilestone } from '../../services/seed/demo/milestones.js';

/** Where the database lives, for a start-up error message (never the password of DATABASE_URL). */
function databaseWhere(config: AppConfig): string {
  if (!config.databaseUrl) return `数据目录 ${path.join(config.dataDir, 'db')}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Returns -1: the process keeps serving until a signal stops it. The database starts opening
 * (and migrating) before the HTTP layer's modules load, so the two overlap at start-up. A
 * failure says which step failed and why, in words (cli/describe-error.ts).
 */
export async function run(args: string[], _io: CliIo): Promise<number> {
  const config = loadConfig();
  const database = openConfiguredDatabase(config).catch((cause: unknown) => {
    throw new StepError(`无法打开数据库（${databaseWhere(config)}）`, { cause });
  });
  database.catch(() => undefined); // awaited below; avoid an unhandled rejection while modules load
  try {
    const { startServer } = await import('../../server.js');
    // `--demo --through <milestone> [--profile <code>]`: the demo edition driven through the procedure (e.g. qualified).
    const at = args.indexOf('--through');
    const through = at >= 0 ? args[at + 1] : undefined;
    if (through !== undefined && !isDemoMilestone(through)) throw new Error(`--through 只能是：${DEMO_MILESTONE_NAMES.join('、')}`);
    // `--profile <code>`: the demo edition under another profile (e.g. the example city's).
    const profileAt = args.indexOf('--profile');
    const demoProfile = profileAt >= 0 ? args[profileAt + 1] : undefined;
    if (profileAt >= 0 && !demoProfile) throw new Error('--profile 后应给出规则版本编号');
    await startServer(config, { demo: args.includes('--demo') || through !== undefined || demoProfile !== undefined, demoThrough: through, demoProfile, database });
  } catch (cause) {
    throw new StepError('服务器启动失败', { cause });
  }
  return -1;
}
