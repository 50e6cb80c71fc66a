import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { applications, editions, expertCommitments, experts, panelAssignments, qualificationReviews } from '../../db/schema/index.js';
import { endOfShanghaiDay } from '../../domain/calendar/dates.js';
import type { ApplicationState } from '../../domain/lifecycle/states.js';
import { canViewApplication, type ApplicationFacts } from '../../domain/policies/applications.js';
import { hasRole, type Actor } from '../../domain/roles.js';
import { handleOf, type ServiceContext, type TxContext } from '../context.js';
import { notDisqualified } from '../supervision/disqualified.js';
import { notFound } from '../errors.js';

export type ApplicationRow = typeof applications.$inferSelect;

/** The last day the applicant may still change the application: the correction deadline once returned, else the application deadline. */
export function editingDeadline(app: Pick<ApplicationRow, 'state' | 'correctionDueOn'>, applicationDeadline: string): string {
  return app.state === 'returned' && app.correctionDueOn ? app.correctionDueOn : applicationDeadline;
}

/** The policy's facts from rows already loaded (the presenter has them from the situation). */
export function factsOf(
  row: ApplicationRow,
  reviews: ReadonlyArray<{ departmentId: string; status: string; overruledAt: Date | null }>,
  edition: Pick<typeof editions.$inferSelect, 'schedule' | 'opensOn'>,
  now: Date,
  panelExpertUserIds: readonly string[],
): ApplicationFacts {
  const deadline = editingDeadline(row, edition.schedule?.applicationDeadline ?? edition.opensOn);
  return {
    beforeEditingDeadline: now <= endOfShanghaiDay(deadline),
    state: row.state as ApplicationState,
    applicantUserId: row.applicantUserId,
    countyId: row.countyId,
    reviewingDepartmentIds: reviews.map((r) => r.departmentId),
    pendingDepartmentIds: reviews.filter((r) => r.status === 'pending').map((r) => r.departmentId),
    standingObjections: reviews.filter((r) => r.status === 'failed' && r.overruledAt === null).length,
    panelExpertUserIds,
  };
}

/** The users of the experts on any panel of this application who accepted the edition's commitment and were not disqualified for it (Art. 26). */
export async function panelExpertUserIds(db: DbOrTx, row: Pick<ApplicationRow, 'id' | 'editionId'>): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: experts.userId })
    .from(panelAssignments)
    .innerJoin(experts, eq(experts.id, panelAssignments.expertId))
    .innerJoin(expertCommitments, and(eq(expertCommitments.expertId, experts.id), eq(expertCommitments.editionId, row.editionId)))
    .where(and(eq(panelAssignments.applicationId, row.id), isNotNull(experts.userId), notDisqualified(experts.id, panelAssignments.editionId)));
  return rows.map((r) => r.userId!);
}

/**
 * The policy's facts of one application. Given the actor, the panel is read only for an expert:
 * nobody else's sight depends on it, and it would cost every request a query.
 */
export async function applicationFacts(db: DbOrTx, row: ApplicationRow, now: Date, actor?: Actor | null): Promise<ApplicationFacts> {
  const reviews = await db
    .select({ departmentId: qualificationReviews.departmentId, status: qualificationReviews.status, overruledAt: qualificationReviews.overruledAt })
    .from(qualificationReviews)
    .where(eq(qualificationReviews.applicationId, row.id));
  const [edition] = await db.select({ schedule: editions.schedule, opensOn: editions.opensOn }).from(editions).where(eq(editions.id, row.editionId));
  const panel = actor === undefined || hasRole(actor, 'expert') ? await panelExpertUserIds(db, row) : [];
  return factsOf(row, reviews, edition, now, panel);
}

/**
 * Loads an application the actor may see, or throws a 404 (never a 403: the caller does not
 * learn that it exists). Inside a transaction, `forUpdate` locks the row.
 */
export async function loadVisibleApplication(
  ctx: ServiceContext | TxContext,
  applicationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ row: ApplicationRow; facts: ApplicationFacts }> {
  const db = handleOf(ctx);
  // The row, its edition's dates and its department reviews in one statement: every request
  // on an application starts here, and on PostgreSQL each statement is a round trip.
  const query = db
    .select({ row: applications, schedule: editions.schedule, opensOn: editions.opensOn, reviews: reviewsOfApplication })
    .from(applications)
    .innerJoin(editions, eq(editions.id, applications.editionId))
    .where(eq(applications.id, applicationId));
  // Only the application's row is locked: the edition's is shared by every application of it.
  const [found] = options.forUpdate ? await query.for('update', { of: applications }) : await query;
  if (!found) throw notFound('申报');
  const { row, reviews } = found;
  const panel = hasRole(ctx.actor, 'expert') ? await panelExpertUserIds(db, row) : [];
  const facts = factsOf(row, reviews.map((r) => ({ ...r, overruledAt: r.overruledAt === null ? null : new Date(r.overruledAt) })), found, ctx.now(), panel);
  if (!canViewApplication(ctx.actor, facts)) throw notFound('申报');
  return { row, facts };
}

/** The application's department reviews as the policy reads them, aggregated in the same statement. */
const reviewsOfApplication = sql<Array<{ departmentId: string; status: string; overruledAt: string | null }>>`coalesce((
  select json_agg(json_build_object('departmentId', ${qualificationReviews.departmentId}, 'status', ${qualificationReviews.status}, 'overruledAt', ${qualificationReviews.overruledAt}))
  from ${qualificationReviews} where ${qualificationReviews.applicationId} = ${applications.id}), '[]'::json)`;
