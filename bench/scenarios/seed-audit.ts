import { desc, eq, sql } from 'drizzle-orm';
import { auditHead, auditLog } from '../../src/db/schema/index.js';
import { auditHash, GENESIS_HASH } from '../../src/services/audit/chain.js';
import { recordAudit } from '../../src/services/audit/record.js';
import { verifyAuditChain, type VerifyResult } from '../../src/services/audit/verify.js';
import type { AppEnv } from './app-env.js';

/** The advisory lock the chaining trigger takes before the chain has a head (migration 0012_audit_commit_time_chain.sql). */
const AUDIT_CHAIN_LOCK = 726354002;
const BATCH = 1000;

/**
 * Appends `count` audit records in bulk, chained exactly as the commit-time trigger chains
 * them (same locks — the head row, else the advisory lock — and the same seq/prevHash/hash,
 * via auditHash), so the chain still verifies.
 * Each record looks like an autosave: an application.update with a small before/after.
 * The last record goes through recordAudit itself, so whatever else the service keeps in
 * step with the chain (such as the audit_head row) is written by its own code.
 */
export async function appendAuditRecords(env: AppEnv, count: number, actorIds: string[]): Promise<void> {
  if (count < 1) return;
  await env.database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    await tx.select({ seq: auditHead.seq }).from(auditHead).where(eq(auditHead.id, 1)).for('update');
    const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const start = env.now().getTime() - count * 1000;
    const bulk = count - 1;
    for (let done = 0; done < bulk; done += BATCH) {
      const rows = [];
      for (let k = 0; k < Math.min(BATCH, bulk - done); k++) {
        seq++;
        const n = done + k;
        const record = {
          seq,
          at: new Date(start + n * 1000),
          actorId: actorIds.length ? actorIds[n % actorIds.length] : null,
          action: 'application.update',
          entityType: 'application',
          entityId: `bench-${n % 997}`,
          before: { address: `旧地址${n}` },
          after: { address: `临沂市兰山区示范路${n}号`, employees: 300 + (n % 50) },
          requestId: `bench-seed-${n}`,
          prevHash,
        };
        const hash = auditHash(record);
        rows.push({ ...record, hash });
        prevHash = hash;
      }
      await tx.insert(auditLog).values(rows);
    }
    // recordAudit numbers rows itself, but keep the serial in step for anything that does not.
    if (bulk > 0) await tx.execute(sql`SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), ${seq})`);
    // The chain's head moves with its records (recordAudit continues from the head).
    if (bulk > 0) await tx.insert(auditHead).values({ id: 1, seq, hash: prevHash }).onConflictDoUpdate({ target: auditHead.id, set: { seq, hash: prevHash } });
    await recordAudit({ ...env.systemCtx(), tx }, { action: 'application.update', entityType: 'application', entityId: 'bench-last', after: { address: '临沂市兰山区示范路末号' } });
  });
}

export function verifyChain(env: AppEnv): Promise<VerifyResult> {
  return verifyAuditChain(env.database.db);
}
