import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { applications, qualificationReviews } from '../../db/schema/index.js';
import type { ApplicationState } from '../../domain/lifecycle/states.js';
import { canViewApplication, type ApplicationFacts } from '../../domain/policies/applications.js';
import type { ServiceContext, TxContext } from '../context.js';
import { notFound } from '../errors.js';

export type ApplicationRow = typeof applications.$inferSelect;

export async function applicationFacts(db: DbOrTx, row: ApplicationRow): Promise<ApplicationFacts> {
  const reviews = await db
    .select({ departmentId: qualificationReviews.departmentId })
    .from(qualificationReviews)
    .where(eq(qualificationReviews.applicationId, row.id));
  return {
    state: row.state as ApplicationState,
    applicantUserId: row.applicantUserId,
    countyId: row.countyId,
    reviewingDepartmentIds: reviews.map((r) => r.departmentId),
  };
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
  const db = 'tx' in ctx ? ctx.tx : ctx.db;
  const query = db.select().from(applications).where(eq(applications.id, applicationId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('申报');
  const facts = await applicationFacts(db, row);
  if (!canViewApplication(ctx.actor, facts)) throw notFound('申报');
  return { row, facts };
}
