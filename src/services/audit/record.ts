import { desc, sql } from 'drizzle-orm';
import { auditHead, auditLog } from '../../db/schema/index.js';
import type { TxContext } from '../context.js';
import type { AuditAction } from './actions.js';
import { auditHash, GENESIS_HASH } from './chain.js';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Any constant shared by all writers: the advisory lock that serialises the chain. */
const AUDIT_CHAIN_LOCK = 726354002;

/** Plain JSON (dates as ISO strings) so what we hash is exactly what jsonb gives back. */
const toJson = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/**
 * Appends one record in the caller's transaction. If this fails, the transaction fails:
 * no change commits without its audit record. The advisory lock is held until commit, so
 * records are chained in commit order and two writers never share a predecessor.
 */
export async function recordAudit(ctx: TxContext, entry: AuditEntry): Promise<void> {
  await ctx.tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await ctx.tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const record = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(ctx.now().getTime()),
    actorId: ctx.actor?.userId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
    requestId: ctx.requestId,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = auditHash(record);
  await ctx.tx.insert(auditLog).values({ ...record, hash });
  await ctx.tx
    .insert(auditHead)
    .values({ id: 1, seq: record.seq, hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq: record.seq, hash } });
}
