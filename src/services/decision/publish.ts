import { and, eq, isNull } from 'drizzle-orm';
import { applications, editions } from '../../db/schema/index.js';
import { hasRole } from '../../domain/roles.js';
import { performAction } from '../applications/engine.js';
import { ApplicationFacts } from '../applications/facts.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { conflict, ServiceError } from '../errors.js';
import { loadEdition } from '../technical/actors.js';

export interface PublishResult {
  awarded: number;
  nominated: number;
  publishedAt: string;
}

/**
 * The office publishes the winners the government approved (Art. 18): every application in
 * 'government_approved' moves to awarded or nominated by its decision (the steps' effect records
 * the winner and its certificate), and the edition shows on the public winners page — all in one
 * transaction, so the public never sees half a list.
 */
export async function publishResults(ctx: ServiceContext, editionId: string): Promise<PublishResult> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!hasRole(ctx.actor, 'office')) throw new ServiceError('wrong_role', '只有强市办可以公布获奖名单');
  return inTransaction(ctx, async (tctx) => {
    const { edition } = await loadEdition(tctx.tx, editionId);
    const [locked] = await tctx.tx.select().from(editions).where(and(eq(editions.id, editionId), isNull(editions.resultsPublishedAt))).for('update');
    if (!locked) throw conflict('wrong_stage', `${edition.name}的获奖名单已经公布`);
    const approved = await tctx.tx.select().from(applications).where(and(eq(applications.editionId, editionId), eq(applications.state, 'government_approved'))).orderBy(applications.name).for('update');
    if (approved.length === 0) throw conflict('wrong_stage', '还没有经市政府审定的获奖对象，不能公布');
    let awarded = 0;
    let nominated = 0;
    for (const row of approved) {
      const outcome = await new ApplicationFacts(tctx.tx, row, tctx.now()).latestOutcome('government_decision');
      // The step's guard checks the outcome again: a wrong guess here is refused, never published.
      const after = await performAction(tctx, row, outcome === 'nomination' ? 'publishNomination' : 'publishAward', {});
      if (after.state === 'awarded') awarded++;
      else nominated++;
    }
    const publishedAt = tctx.now();
    await tctx.tx.update(editions).set({ resultsPublishedAt: publishedAt }).where(eq(editions.id, editionId));
    await recordAudit(tctx, { action: 'results.publish', entityType: 'edition', entityId: editionId, after: { awarded, nominated } });
    return { awarded, nominated, publishedAt: publishedAt.toISOString() };
  });
}
