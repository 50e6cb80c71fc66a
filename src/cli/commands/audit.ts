import { loadConfig, type AppConfig } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { openConfiguredDatabase } from '../../runtime.js';
import { verifyAuditChain } from '../../services/audit/verify.js';
import { verifyAgainstWitness } from '../../services/audit/witness.js';
import type { CliIo } from '../io.js';

/** A database and witness to check; tests pass their own, the command opens the configured ones. */
export interface AuditTarget {
  db: Db;
  witness: AppConfig['audit'];
}

/**
 * `audit verify`: the chain must hold by itself (every hash, link and sequence number) and
 * agree with every head witnessed outside the database (audit/witness.ts), which catches a
 * chain rewritten or cut by whoever controls the database. Exit 0 when both hold, else 1.
 */
export async function run(args: string[], io: CliIo, target?: AuditTarget): Promise<number> {
  if (args[0] !== 'verify') {
    io.stderr('usage: audit verify\n');
    return 2;
  }
  if (target) return verify(target, io);
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    return await verify({ db: database.db, witness: config.audit }, io);
  } finally {
    await database.close();
  }
}

async function verify(target: AuditTarget, io: CliIo): Promise<number> {
  let failed = false;
  const chain = await verifyAuditChain(target.db);
  if (chain.ok) {
    io.stdout(`audit chain intact: ${chain.checked} records\n`);
  } else {
    failed = true;
    io.stderr(`audit chain broken at record ${chain.firstBroken?.seq}: ${chain.firstBroken?.problem} (${chain.checked} records verified before it)\n`);
  }
  const witness = await verifyAgainstWitness(target.db, target.witness);
  if (witness.ok) {
    io.stdout(`audit witness agrees: ${witness.witnessed} witnessed heads, last ${witness.lastWitnessedSeq}, chain head ${witness.headSeq}\n`);
  } else {
    failed = true;
    for (const p of witness.problems) io.stderr(`audit witness: ${p.problem}\n`);
    io.stderr(`审计链与见证文件不符：${witness.problems.length} 处问题（${target.witness.file}）\n`);
  }
  return failed ? 1 : 0;
}
