import { and, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import type { AuditFilter } from '../../contract/audit.js';
import type { AuditList, AuditRecord, AuditVerifyResult } from '../../contract/system.js';
import type { DbOrTx } from '../../db/connection.js';
import { executePrepared, planConstant } from '../../db/prepared.js';
import { auditLog, users } from '../../db/schema/index.js';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../domain/calendar/dates.js';
import { auditPolicy } from '../../domain/policies/audit.js';
import type { ServiceContext } from '../context.js';
import { ensure } from '../errors.js';
import { readThrough } from '../read-cache.js';
import { containsPattern, entitiesNamed, entityNames, isUuid } from './names.js';
import { verifyAuditChain } from './verify.js';

/** The trail's WHERE for the viewer's filters (all of them must hold). */
export async function auditConditions(db: DbOrTx, filter: AuditFilter): Promise<SQL[]> {
  const conditions: SQL[] = [];
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.actor) {
    const pattern = containsPattern(filter.actor);
    conditions.push(inArray(auditLog.actorId, db.select({ id: users.id }).from(users).where(or(ilike(users.username, pattern), ilike(users.displayName, pattern)))));
  }
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entity) conditions.push(await entityCondition(db, filter.entity, filter.entityType));
  if (filter.actions) conditions.push(inArray(auditLog.action, filter.actions.split(',')));
  if (filter.from) conditions.push(gte(auditLog.at, startOfShanghaiDay(filter.from)));
  if (filter.to) conditions.push(lte(auditLog.at, endOfShanghaiDay(filter.to)));
  return conditions;
}

/**
 * An object by its exact id, or by a fragment of its current name (through the namers); a
 * `login` record (a username with no account) by its username.
 */
async function entityCondition(db: DbOrTx, text: string, type?: string): Promise<SQL> {
  const alternatives: SQL[] = [eq(auditLog.entityId, text)];
  if (!isUuid(text)) {
    if (!type || type === 'login') alternatives.push(and(eq(auditLog.entityType, 'login'), ilike(auditLog.entityId, containsPattern(text)))!);
    for (const [t, ids] of await entitiesNamed(db, text, type)) alternatives.push(and(eq(auditLog.entityType, t), inArray(auditLog.entityId, ids))!);
  }
  return or(...alternatives)!;
}

/** Records newest first, with the actor's and the object's names. */
export async function selectAudit(db: DbOrTx, conditions: SQL[], limit: number): Promise<AuditRecord[]> {
  const rows = await executePrepared(
    'audit_page',
    db
      .select({
        seq: auditLog.seq,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: users.displayName,
        actorUsername: users.username,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
        requestId: auditLog.requestId,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(and(...conditions))
      .orderBy(desc(auditLog.seq))
      .limit(planConstant(limit)),
  );
  const names = await entityNames(db, rows);
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), entityName: names.get(`${r.entityType}:${r.entityId}`) ?? null }));
}

export async function listAudit(ctx: ServiceContext, query: AuditFilter & { limit: number; beforeSeq?: number }): Promise<AuditList> {
  ensure(auditPolicy.read(ctx.actor, null));
  // The trail reads the same for every reader allowed to read it: the key is the query alone.
  return readThrough(ctx.db, `audit\u0000${JSON.stringify(query)}`, async () => {
    const conditions = await auditConditions(ctx.db, query);
    if (query.beforeSeq) conditions.push(lt(auditLog.seq, query.beforeSeq));
    return { items: await selectAudit(ctx.db, conditions, query.limit) };
  });
}

export async function verifyAudit(ctx: ServiceContext): Promise<AuditVerifyResult> {
  ensure(auditPolicy.verify(ctx.actor, null));
  return verifyAuditChain(ctx.db);
}
