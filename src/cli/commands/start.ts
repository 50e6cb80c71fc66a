import { loadConfig } from '../../config.js';
import { openConfiguredDatabase } from '../../runtime.js';
import type { CliIo } from '../io.js';

/**
 * Returns -1: the process keeps serving until a signal stops it. The database starts opening
 * (and migrating) before the HTTP layer's modules load, so the two overlap at start-up.
 */
export async function run(args: string[], _io: CliIo): Promise<number> {
  const config = loadConfig();
  const database = openConfiguredDatabase(config);
  database.catch(() => undefined); // awaited below; avoid an unhandled rejection while modules load
  const { startServer } = await import('../../server.js');
  await startServer(config, { demo: args.includes('--demo'), database });
  return -1;
}
