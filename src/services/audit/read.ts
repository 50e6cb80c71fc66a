import { desc, eq, inArray, lt } from 'drizzle-orm';
import type { AuditList, AuditVerifyResult } from '../../contract/system.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, auditLog, editions, files, organisations, ruleProfiles, users } from '../../db/schema/index.js';
import { auditPolicy } from '../../domain/policies/audit.js';
import type { ServiceContext } from '../context.js';
import { ensure } from '../errors.js';
import { verifyAuditChain } from './verify.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How each kind of audited object is named: one query per kind for the whole page. */
const NAMERS: Record<string, (db: DbOrTx, ids: string[]) => Promise<Array<{ id: string; name: string }>>> = {
  application: (db, ids) => db.select({ id: applications.id, name: applications.name }).from(applications).where(inArray(applications.id, ids)),
  organisation: (db, ids) => db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)),
  user: (db, ids) => db.select({ id: users.id, name: users.username }).from(users).where(inArray(users.id, ids)),
  edition: (db, ids) => db.select({ id: editions.id, name: editions.name }).from(editions).where(inArray(editions.id, ids)),
  profile: (db, ids) => db.select({ id: ruleProfiles.id, name: ruleProfiles.name }).from(ruleProfiles).where(inArray(ruleProfiles.id, ids)),
  file: (db, ids) => db.select({ id: files.id, name: files.originalName }).from(files).where(inArray(files.id, ids)),
};

/** The current names of the objects a page of audit records names, keyed `type:id`. */
async function entityNames(db: DbOrTx, rows: Array<{ entityType: string; entityId: string }>): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!NAMERS[r.entityType] || !UUID.test(r.entityId)) continue;
    idsByType.set(r.entityType, (idsByType.get(r.entityType) ?? new Set()).add(r.entityId));
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      for (const { id, name } of await NAMERS[type](db, [...ids])) names.set(`${type}:${id}`, name);
    }),
  );
  return names;
}

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
  const names = await entityNames(ctx.db, rows);
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString(), entityName: names.get(`${r.entityType}:${r.entityId}`) ?? null })) };
}

export async function verifyAudit(ctx: ServiceContext): Promise<AuditVerifyResult> {
  ensure(auditPolicy.verify(ctx.actor, null));
  return verifyAuditChain(ctx.db);
}
