import { and, eq } from 'drizzle-orm';
import { qualificationReviews } from '../../db/schema/index.js';
import type { ActionRequest } from '../../contract/actions.js';
import { applicationPolicy } from '../../domain/policies/applications.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { ensure } from '../errors.js';
import { loadVisibleApplication } from './access.js';
import { performAction, runProcedure } from './engine.js';
import { presentApplication } from './present.js';

/**
 * Any plain lifecycle step on an application (submit, recommend, accept, return, reject,
 * disqualify, withdraw, …): visibility (404), then the engine decides and performs it with
 * its effects and any procedure step that follows, in one transaction.
 */
export function performApplicationAction(ctx: ServiceContext, applicationId: string, action: string, input: ActionRequest) {
  return inTransaction(ctx, async (tctx) => {
    const { row } = await loadVisibleApplication(tctx, applicationId, { forUpdate: true });
    return presentApplication(tctx, await performAction(tctx, row, action, input));
  });
}

/**
 * The office overrules every standing objection with a written reason (audited). If all
 * opinions are then in and none objects, the procedure qualifies the application in the same step.
 */
export function overruleObjections(ctx: ServiceContext, applicationId: string, reason: string) {
  return inTransaction(ctx, async (tctx) => {
    const { row, facts } = await loadVisibleApplication(tctx, applicationId, { forUpdate: true });
    ensure(applicationPolicy.overrule(ctx.actor, facts));
    const overruled = await tctx.tx
      .update(qualificationReviews)
      .set({ overruledReason: reason, overruledBy: ctx.actor!.userId, overruledAt: ctx.now() })
      .where(and(eq(qualificationReviews.applicationId, row.id), eq(qualificationReviews.status, 'failed')))
      .returning();
    await recordAudit(tctx, { action: 'qualification.overrule', entityType: 'application', entityId: row.id, after: { reason, reviews: overruled.map((r) => r.id) } });
    return presentApplication(tctx, await runProcedure(tctx, row));
  });
}
