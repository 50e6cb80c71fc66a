import { and, count, desc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { decisions, objections, publicNoticeItems, publicNotices, surveys } from '../../db/schema/index.js';

/**
 * The facts of the decision and publication that the lifecycle's guards read (survey, notice,
 * objections), one query each; src/services/applications/facts.ts asks for them lazily.
 */

/** The candidate's satisfaction survey is closed with its score (Art. 16). */
export async function surveyClosed(db: DbOrTx, applicationId: string): Promise<boolean> {
  const [row] = await db.select({ closedAt: surveys.closedAt }).from(surveys).where(eq(surveys.applicationId, applicationId));
  return row?.closedAt != null;
}

/** The public notice whose list holds the application (removed entries included). */
export async function noticeOf(db: DbOrTx, applicationId: string): Promise<{ id: string; editionId: string; endsOn: string } | null> {
  const [row] = await db
    .select({ id: publicNotices.id, editionId: publicNotices.editionId, endsOn: publicNotices.endsOn })
    .from(publicNoticeItems)
    .innerJoin(publicNotices, eq(publicNotices.id, publicNoticeItems.noticeId))
    .where(eq(publicNoticeItems.applicationId, applicationId));
  return row ?? null;
}

/** Objections to the notice not yet ruled on: the government decides the list as a whole, so any open one holds it. */
export async function openObjectionsOf(db: DbOrTx, noticeId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(objections).where(and(eq(objections.noticeId, noticeId), eq(objections.status, 'open')));
  return Number(row.n);
}

/** An objection upheld after the leadership's last decision on the notice's list: the list must be decided again. */
export async function reconfirmationPending(db: DbOrTx, notice: { id: string; editionId: string }): Promise<boolean> {
  const [latest] = await db
    .select({ at: decisions.createdAt })
    .from(decisions)
    .where(and(eq(decisions.editionId, notice.editionId), eq(decisions.kind, 'notice_confirmation')))
    .orderBy(desc(decisions.createdAt))
    .limit(1);
  const upheldAfter = and(eq(objections.noticeId, notice.id), eq(objections.status, 'upheld'), latest ? gt(objections.ruledAt, latest.at) : undefined);
  const [row] = await db.select({ n: count() }).from(objections).where(upheldAfter);
  return Number(row.n) > 0;
}
