import { and, eq } from 'drizzle-orm';
import { applications, qualificationReviews } from '../../db/schema/index.js';
import type { ActionRequest } from '../../contract/actions.js';
import { applicationPolicy, canViewApplication } from '../../domain/policies/applications.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { ensure, notFound } from '../errors.js';
import { factsOf, loadVisibleApplication, type ApplicationRow } from './access.js';
import { ApplicationFacts } from './facts.js';
import { performAction, runProcedure } from './engine.js';
import { presentApplication } from './present.js';

/**
 * Any plain lifecycle step on an application (submit, recommend, accept, return, reject,
 * disqualify, withdraw, …): visibility (404), then the engine decides and performs it with
 * its effects and any procedure step that follows, in one transaction. The application's
 * facts are read once, for visibility and the engine alike; the response is built after the
 * commit, so the transaction holds the database for the step's SQL alone.
 */
export async function performApplicationAction(ctx: ServiceContext, applicationId: string, action: string, input: ActionRequest) {
  const after = await inTransaction(ctx, async (tctx) => {
    const { row, facts } = await lockVisibleApplication(tctx, applicationId);
    return performAction(tctx, row, action, input, 'actor', facts);
  });
  return presentApplication(ctx, after);
}

/** loadVisibleApplication with the row locked, its reads kept in the facts the engine goes on with. */
async function lockVisibleApplication(tctx: TxContext, applicationId: string): Promise<{ row: ApplicationRow; facts: ApplicationFacts }> {
  const [row] = await tctx.tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
  if (!row) throw notFound('申报');
  // The row is locked for a step about to be committed: quotas are counted under their locks too.
  const facts = new ApplicationFacts(tctx.tx, row, tctx.now(), { lockQuotas: true });
  const { edition } = await facts.edition();
  if (!canViewApplication(tctx.actor, factsOf(row, await facts.reviews(), edition, facts.now, await facts.panelExperts(tctx.actor)))) throw notFound('申报');
  return { row, facts };
}

/**
 * The office overrules every standing objection with a written reason (audited). If all
 * opinions are then in and none objects, the procedure qualifies the application in the same step.
 */
export async function overruleObjections(ctx: ServiceContext, applicationId: string, reason: string) {
  const after = await inTransaction(ctx, async (tctx) => {
    const { row, facts } = await loadVisibleApplication(tctx, applicationId, { forUpdate: true });
    ensure(applicationPolicy.overrule(ctx.actor, facts));
    const overruled = await tctx.tx
      .update(qualificationReviews)
      .set({ overruledReason: reason, overruledBy: ctx.actor!.userId, overruledAt: ctx.now() })
      .where(and(eq(qualificationReviews.applicationId, row.id), eq(qualificationReviews.status, 'failed')))
      .returning();
    await recordAudit(tctx, { action: 'qualification.overrule', entityType: 'application', entityId: row.id, after: { reason, reviews: overruled.map((r) => r.id) } });
    return runProcedure(tctx, row);
  });
  return presentApplication(ctx, after);
}
