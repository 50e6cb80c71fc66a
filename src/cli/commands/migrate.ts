import { loadConfig } from '../../config.js';
import { openConfiguredDatabase } from '../../runtime.js';
import type { CliIo } from '../io.js';

export async function run(_args: string[], io: CliIo): Promise<number> {
  const database = await openConfiguredDatabase(loadConfig());
  await database.close();
  io.stdout('migrations applied\n');
  return 0;
}
