import { loadConfig } from '../../config.js';
import { startServer } from '../../server.js';
import type { CliIo } from '../main.js';

/** Returns -1: the process keeps serving until a signal stops it. */
export async function run(args: string[], _io: CliIo): Promise<number> {
  await startServer(loadConfig(), { demo: args.includes('--demo') });
  return -1;
}
