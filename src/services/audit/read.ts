import { desc, eq, lt } from 'drizzle-orm';
import type { AuditList, AuditVerifyResult } from '../../contract/system.js';
import { auditLog, users } from '../../db/schema/index.js';
import { auditPolicy } from '../../domain/policies/audit.js';
import type { ServiceContext } from '../context.js';
import { ensure } from '../errors.js';
import { verifyAuditChain } from './verify.js';

export async function listAudit(ctx: ServiceContext, query: { limit: number; beforeSeq?: number }): Promise<AuditList> {
  ensure(auditPolicy.read(ctx.actor, null));
  const rows = await ctx.db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(query.beforeSeq ? lt(auditLog.seq, query.beforeSeq) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(query.limit);
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}

export async function verifyAudit(ctx: ServiceContext): Promise<AuditVerifyResult> {
  ensure(auditPolicy.verify(ctx.actor, null));
  return verifyAuditChain(ctx.db);
}
