import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { NoticeEntry, NoticeOverview, NoticePeriod, PublicNoticeDetail, PublishNoticeRequest } from '../../contract/notice.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, decisionItems, decisions, editions, objections, publicNoticeItems, publicNotices } from '../../db/schema/index.js';
import { noticeEnd, shanghaiToday } from '../../domain/calendar/index.js';
import { hasRole, type Role } from '../../domain/roles.js';
import { performAction } from '../applications/engine.js';
import { recordAudit } from '../audit/record.js';
import { calendarError, loadWorkingCalendar } from '../calendar.js';
import { handleOf, inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { conflict, notFound, ServiceError } from '../errors.js';
import { loadEdition } from '../technical/actors.js';
import { reconfirmationPending } from './facts.js';
import { requireRole } from '../require-role.js';

/** The public notice of the to-be-awarded list (Art. 17): its period, its publication and the views of it. */

export type NoticeRow = typeof publicNotices.$inferSelect;

export function requireOffice(ctx: ServiceContext | TxContext): void {
  requireRole(ctx, 'office', '只有强市办可以进行此操作');
}

/** The bodies that act on the notice's list read the office's view of it. */
const NOTICE_READERS: Role[] = ['office', 'leadership', 'government'];
function requireNoticeReader(ctx: ServiceContext): void {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!NOTICE_READERS.some((r) => hasRole(ctx.actor, r))) throw new ServiceError('wrong_role', '当前角色无权查看公示事务');
}

/** Start and last day of a notice of the profile's working days (holidays and make-up working days counted). */
export async function noticePeriod(ctx: ServiceContext | TxContext, editionId: string, startsOn?: string): Promise<NoticePeriod> {
  const db = handleOf(ctx);
  const { profile } = await loadEdition(db, editionId);
  const start = startsOn ?? shanghaiToday(ctx.now());
  const workingDays = profile.noticeWorkingDays;
  try {
    return { startsOn: start, endsOn: noticeEnd(start, workingDays, await loadWorkingCalendar(db)), workingDays };
  } catch (error) {
    calendarError(error, 'startsOn');
  }
}

export async function previewNoticePeriod(ctx: ServiceContext, editionId: string, startsOn?: string): Promise<NoticePeriod> {
  requireOffice(ctx);
  return noticePeriod(ctx, editionId, startsOn);
}

/** The category the leadership's latest approval gave each application. */
async function approvedCategories(db: DbOrTx, ids: string[]): Promise<Map<string, 'award' | 'nomination'>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ applicationId: decisionItems.applicationId, category: decisionItems.category })
    .from(decisionItems)
    .innerJoin(decisions, eq(decisions.id, decisionItems.decisionId))
    .where(and(eq(decisions.kind, 'leadership_approval'), eq(decisionItems.outcome, 'approved'), inArray(decisionItems.applicationId, ids)))
    .orderBy(desc(decisions.createdAt));
  const categories = new Map<string, 'award' | 'nomination'>();
  for (const r of rows) if (!categories.has(r.applicationId)) categories.set(r.applicationId, r.category === 'nomination' ? 'nomination' : 'award');
  return categories;
}

async function approvedApplications(db: DbOrTx, editionId: string, lock = false) {
  const query = db.select().from(applications).where(and(eq(applications.editionId, editionId), eq(applications.state, 'leadership_approved'))).orderBy(asc(applications.name), asc(applications.id));
  return lock ? query.for('update') : query;
}

/**
 * Publishes the notice: the list is every application the leadership approved, each with the
 * category of that approval; in one transaction the notice, its items and the step of each
 * application into the notice ('startNotice'), so the list and the states never disagree.
 */
export async function publishNotice(ctx: ServiceContext, editionId: string, input: PublishNoticeRequest): Promise<PublicNoticeDetail> {
  requireOffice(ctx);
  const noticeId = await inTransaction(ctx, async (tctx) => {
    const { edition } = await loadEdition(tctx.tx, editionId);
    await tctx.tx.select({ id: editions.id }).from(editions).where(eq(editions.id, edition.id)).for('update');
    const [existing] = await tctx.tx.select({ id: publicNotices.id }).from(publicNotices).where(eq(publicNotices.editionId, editionId));
    if (existing) throw conflict('wrong_stage', '本届次已发布公示，不能重复发布');
    const rows = await approvedApplications(tctx.tx, editionId, true);
    if (!rows.length) throw conflict('wrong_stage', '没有经领导小组审定的拟授奖名单，不能发布公示');
    const period = await noticePeriod(tctx, editionId, input.startsOn);
    const categories = await approvedCategories(tctx.tx, rows.map((r) => r.id));
    const [notice] = await tctx.tx
      .insert(publicNotices)
      .values({ editionId, title: input.title, body: input.body, contact: input.contact, startsOn: period.startsOn, endsOn: period.endsOn, publishedBy: tctx.actor!.userId, publishedAt: tctx.now() })
      .returning();
    await tctx.tx.insert(publicNoticeItems).values(rows.map((r) => ({ noticeId: notice.id, applicationId: r.id, category: categories.get(r.id) ?? 'award' })));
    for (const row of rows) await performAction(tctx, row, 'startNotice', {}, 'actor');
    await recordAudit(tctx, { action: 'notice.publish', entityType: 'edition', entityId: editionId, after: { notice: notice.id, startsOn: period.startsOn, endsOn: period.endsOn, items: rows.map((r) => ({ applicationId: r.id, category: categories.get(r.id) })) } });
    return notice.id;
  });
  return noticeDetail(ctx.db, noticeId, ctx.now(), { includeRemoved: true });
}

/** A notice with its list; the public sees only standing entries and never identity codes or contacts. */
export async function noticeDetail(db: DbOrTx, noticeId: string, now: Date, options: { includeRemoved: boolean }): Promise<PublicNoticeDetail> {
  const [row] = await db.select({ notice: publicNotices, editionName: editions.name }).from(publicNotices).innerJoin(editions, eq(editions.id, publicNotices.editionId)).where(eq(publicNotices.id, noticeId));
  if (!row) throw notFound('公示');
  const items = await db
    .select({ applicationId: publicNoticeItems.applicationId, name: applications.name, kind: applications.kind, category: publicNoticeItems.category, removedAt: publicNoticeItems.removedAt })
    .from(publicNoticeItems)
    .innerJoin(applications, eq(applications.id, publicNoticeItems.applicationId))
    .where(and(eq(publicNoticeItems.noticeId, noticeId), options.includeRemoved ? undefined : isNull(publicNoticeItems.removedAt)))
    .orderBy(asc(publicNoticeItems.category), asc(applications.name));
  const { notice } = row;
  const { profile } = await loadEdition(db, notice.editionId);
  const today = shanghaiToday(now);
  return {
    id: notice.id,
    editionId: notice.editionId,
    editionName: row.editionName,
    title: notice.title,
    body: notice.body,
    contact: notice.contact,
    startsOn: notice.startsOn,
    endsOn: notice.endsOn,
    workingDays: profile.noticeWorkingDays,
    publishedAt: notice.publishedAt.toISOString(),
    open: today >= notice.startsOn && today <= notice.endsOn,
    items: items.map((i): NoticeEntry => ({ applicationId: i.applicationId, name: i.name, kind: i.kind, category: i.category === 'nomination' ? 'nomination' : 'award', removed: i.removedAt !== null })),
  };
}

export async function publicNoticeDetail(ctx: ServiceContext, noticeId: string): Promise<PublicNoticeDetail> {
  return noticeDetail(ctx.db, noticeId, ctx.now(), { includeRemoved: false });
}

export async function noticeOfEdition(db: DbOrTx, editionId: string): Promise<NoticeRow | null> {
  const [row] = await db.select().from(publicNotices).where(eq(publicNotices.editionId, editionId));
  return row ?? null;
}

/** The notice step of an edition, for the office, the leadership and the government. */
export async function noticeOverview(ctx: ServiceContext, editionId: string): Promise<NoticeOverview> {
  requireNoticeReader(ctx);
  await loadEdition(ctx.db, editionId);
  const notice = await noticeOfEdition(ctx.db, editionId);
  const rows = await approvedApplications(ctx.db, editionId);
  const categories = await approvedCategories(ctx.db, rows.map((r) => r.id));
  const counts = { open: 0, upheld: 0, dismissed: 0 };
  if (notice) {
    const grouped = await ctx.db.select({ status: objections.status, n: count() }).from(objections).where(eq(objections.noticeId, notice.id)).groupBy(objections.status);
    for (const g of grouped) counts[g.status as keyof typeof counts] = Number(g.n);
  }
  const pending = notice ? await reconfirmationPending(ctx.db, notice) : false;
  const office = hasRole(ctx.actor, 'office');
  return {
    notice: notice ? await noticeDetail(ctx.db, notice.id, ctx.now(), { includeRemoved: true }) : null,
    approved: rows.map((r) => ({ applicationId: r.id, name: r.name, kind: r.kind, category: categories.get(r.id) ?? 'award', removed: false })),
    objectionCounts: counts,
    reconfirmationPending: pending,
    abilities: { publish: office && !notice && rows.length > 0, rule: office && notice !== null, reconfirm: hasRole(ctx.actor, 'leadership') && pending },
  };
}
