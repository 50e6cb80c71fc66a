import { and, desc, eq, sql } from 'drizzle-orm';
import type { FileReadList } from '../../contract/files.js';
import { applications, auditLog, fileReads, files, users } from '../../db/schema/index.js';
import { hasRole } from '../../domain/roles.js';
import { loadVisibleApplication } from '../applications/access.js';
import type { ServiceContext } from '../context.js';
import { notFound, ServiceError } from '../errors.js';

const LIMIT = 500;

/**
 * The read log of an application's materials (SPEC §7, Art. 24): every download and every
 * expert's view, by whom and when, newest first. The office (which answers for the procedure) and the audit administrator
 * read it; everyone else who can see the application is refused, the rest get a 404.
 */
export async function listFileReads(ctx: ServiceContext, applicationId: string): Promise<FileReadList> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (hasRole(ctx.actor, 'auditadmin')) {
    const [row] = await ctx.db.select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId));
    if (!row) throw notFound('申报');
  } else {
    await loadVisibleApplication(ctx, applicationId);
    if (!hasRole(ctx.actor, 'office')) throw new ServiceError('wrong_role', '只有强市办和审计管理员可以查看材料查阅记录');
  }
  // An expert's views of the application itself are in the audit trail (application.view).
  const views = await ctx.db
    .select({ reader: users.displayName, roles: users.roles, at: auditLog.at })
    .from(auditLog)
    .leftJoin(users, eq(sql`${users.id}::text`, sql`${auditLog.actorId}::text`))
    .where(and(eq(auditLog.action, 'application.view'), eq(auditLog.entityType, 'application'), eq(auditLog.entityId, applicationId)))
    .orderBy(desc(auditLog.seq))
    .limit(LIMIT);
  const rows = await ctx.db
    .select({ fileId: files.id, fileName: files.originalName, reader: users.displayName, roles: users.roles, at: fileReads.at })
    .from(fileReads)
    .innerJoin(files, eq(files.id, fileReads.fileId))
    .leftJoin(users, eq(users.id, fileReads.userId))
    .where(eq(files.applicationId, applicationId))
    .orderBy(desc(fileReads.at), desc(fileReads.id))
    .limit(LIMIT);
  const items = [
    ...rows.map((r) => ({ fileId: r.fileId as string | null, fileName: r.fileName, reader: r.reader ?? '（已删除的账号）', readerRoles: r.roles ?? [], at: r.at.toISOString() })),
    ...views.map((v) => ({ fileId: null, fileName: '（查看申报材料页面）', reader: v.reader ?? '（已删除的账号）', readerRoles: v.roles ?? [], at: v.at.toISOString() })),
  ];
  return { items: items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, LIMIT) };
}
