import { loadConfig } from '../../config.js';
import { openConfiguredDatabase, systemContext } from '../../runtime.js';
import { loadDemo } from '../../services/seed/demo.js';
import { seedReferenceData } from '../../services/seed/directory.js';
import type { CliIo } from '../io.js';

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args[0] !== 'load') {
    io.stderr('usage: demo load\n');
    return 2;
  }
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const ctx = systemContext(database, config, 'cli-demo');
    await seedReferenceData(ctx);
    const created = await loadDemo(ctx);
    if (created.length === 0) io.stdout('demo already loaded\n');
    for (const c of created) io.stdout(`${c.role}\t${c.username}\t${c.password}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
