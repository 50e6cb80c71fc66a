import { loadConfig } from '../../config.js';
import { openConfiguredDatabase } from '../../runtime.js';
import { verifyAuditChain } from '../../services/audit/verify.js';
import type { CliIo } from '../io.js';

/** `audit verify`: exit 0 when the whole chain holds, 1 naming the first broken record. */
export async function run(args: string[], io: CliIo): Promise<number> {
  if (args[0] !== 'verify') {
    io.stderr('usage: audit verify\n');
    return 2;
  }
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const result = await verifyAuditChain(database.db);
    if (result.ok) {
      io.stdout(`audit chain intact: ${result.checked} records\n`);
      return 0;
    }
    io.stderr(`audit chain broken at record ${result.firstBroken?.seq}: ${result.firstBroken?.problem} (${result.checked} records verified before it)\n`);
    return 1;
  } finally {
    await database.close();
  }
}
