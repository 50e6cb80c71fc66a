import { and, asc, desc, eq, gte, ilike, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { ACCESS_KIND_LABELS, ACCESS_LOG_CAP, type AccessLog, type AccessLogApplication, type AccessLogApplicationList, type AccessLogQuery } from '../../contract/audit.js';
import { applications, auditLog, editions, fileReads, files, users } from '../../db/schema/index.js';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../domain/calendar/dates.js';
import { formatDisplayTime } from '../../domain/display-time.js';
import { stateLabel } from '../../domain/lifecycle/states.js';
import { ROLE_LABELS, hasRole, type Role } from '../../domain/roles.js';
import { loadVisibleApplication } from '../applications/access.js';
import { containsPattern } from '../audit/names.js';
import type { ServiceContext } from '../context.js';
import { notFound, ServiceError } from '../errors.js';
import { workbook } from '../exports.js';

/**
 * The access log (SPEC §7, Art. 24): who downloaded which of an application's materials, and
 * which experts opened its page, so an applicant's trade secrets can be accounted for. The
 * audit administrator reads every application's; the office those it sees (not drafts).
 */
function requireReader(ctx: ServiceContext): void {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!hasRole(ctx.actor, 'auditadmin') && !hasRole(ctx.actor, 'office')) throw new ServiceError('wrong_role', '只有审计管理员和强市办可以查看材料查阅记录');
}

/** Applications to choose from, by a fragment of their name, newest edition first. */
export async function accessLogApplications(ctx: ServiceContext, query: { q?: string; limit: number }): Promise<AccessLogApplicationList> {
  requireReader(ctx);
  const conditions: SQL[] = [];
  if (!hasRole(ctx.actor, 'auditadmin')) conditions.push(ne(applications.state, 'draft'));
  if (query.q) conditions.push(ilike(applications.name, containsPattern(query.q)));
  const rows = await ctx.db
    .select({ id: applications.id, name: applications.name, editionName: editions.name, state: applications.state })
    .from(applications)
    .innerJoin(editions, eq(editions.id, applications.editionId))
    .where(and(...conditions))
    .orderBy(desc(editions.year), asc(applications.name))
    .limit(query.limit);
  return { items: rows.map((r) => ({ ...r, state: stateLabel(r.state) })) };
}

async function chosenApplication(ctx: ServiceContext, applicationId: string): Promise<AccessLogApplication> {
  requireReader(ctx);
  if (!hasRole(ctx.actor, 'auditadmin')) await loadVisibleApplication(ctx, applicationId);
  const [row] = await ctx.db
    .select({ id: applications.id, name: applications.name, editionName: editions.name, state: applications.state })
    .from(applications)
    .innerJoin(editions, eq(editions.id, applications.editionId))
    .where(eq(applications.id, applicationId));
  if (!row) throw notFound('申报');
  return { ...row, state: stateLabel(row.state) };
}

export async function accessLog(ctx: ServiceContext, query: AccessLogQuery): Promise<AccessLog> {
  const application = await chosenApplication(ctx, query.applicationId);
  const readerMatch = query.reader ? or(ilike(users.username, containsPattern(query.reader)), ilike(users.displayName, containsPattern(query.reader))) : undefined;
  const since = query.from ? startOfShanghaiDay(query.from) : undefined;
  const until = query.to ? endOfShanghaiDay(query.to) : undefined;
  const reader = { readerId: users.id, reader: users.displayName, readerUsername: users.username, readerRoles: users.roles };
  // Downloads of the application's files, and experts' views of its page (audited as application.view).
  const downloads = await ctx.db
    .select({ ...reader, fileId: files.id, fileName: files.originalName, at: fileReads.at })
    .from(fileReads)
    .innerJoin(files, eq(files.id, fileReads.fileId))
    .leftJoin(users, eq(users.id, fileReads.userId))
    .where(and(eq(files.applicationId, query.applicationId), readerMatch, since && gte(fileReads.at, since), until && lte(fileReads.at, until)))
    .orderBy(desc(fileReads.at), desc(fileReads.id))
    .limit(ACCESS_LOG_CAP + 1);
  const views = await ctx.db
    .select({ ...reader, at: auditLog.at })
    .from(auditLog)
    .leftJoin(users, eq(sql`${users.id}::text`, sql`${auditLog.actorId}::text`))
    .where(
      and(
        eq(auditLog.action, 'application.view'),
        eq(auditLog.entityType, 'application'),
        eq(auditLog.entityId, query.applicationId),
        readerMatch,
        since && gte(auditLog.at, since),
        until && lte(auditLog.at, until),
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(ACCESS_LOG_CAP + 1);
  const person = (r: { readerId: string | null; reader: string | null; readerUsername: string | null; readerRoles: string[] | null }) => ({
    readerId: r.readerId,
    reader: r.reader ?? '（已删除的账号）',
    readerUsername: r.readerUsername,
    readerRoles: r.readerRoles ?? [],
  });
  const items = [
    ...downloads.map((r) => ({ at: r.at.toISOString(), kind: 'download' as const, fileId: r.fileId, fileName: r.fileName, ...person(r) })),
    ...views.map((r) => ({ at: r.at.toISOString(), kind: 'view' as const, fileId: null, fileName: null, ...person(r) })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return { application, items: items.slice(0, ACCESS_LOG_CAP), truncated: items.length > ACCESS_LOG_CAP };
}

export async function exportAccessLog(ctx: ServiceContext, query: AccessLogQuery): Promise<{ filename: string; content: Buffer }> {
  const log = await accessLog(ctx, query);
  const rows: Array<Record<string, unknown>> = log.items.map((i) => ({
    at: formatDisplayTime(i.at),
    reader: i.reader,
    username: i.readerUsername ?? '',
    roles: i.readerRoles.map((r) => ROLE_LABELS[r as Role] ?? r).join('、'),
    kind: ACCESS_KIND_LABELS[i.kind],
    file: i.fileName ?? '',
  }));
  if (log.truncated) rows.push({ at: `仅导出最新的 ${ACCESS_LOG_CAP} 条记录，请缩小时间范围后分批导出` });
  const content = await workbook(
    '材料查阅记录',
    [
      { header: '时间', key: 'at', width: 20 },
      { header: '查阅人', key: 'reader', width: 14 },
      { header: '用户名', key: 'username', width: 14 },
      { header: '角色', key: 'roles', width: 24 },
      { header: '方式', key: 'kind', width: 18 },
      { header: '材料', key: 'file', width: 40 },
    ],
    rows,
  );
  return { filename: `${log.application.name}-材料查阅记录.xlsx`, content };
}
