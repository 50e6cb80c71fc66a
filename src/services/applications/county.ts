import { applicationPolicy } from '../../domain/policies/applications.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { ensure } from '../errors.js';
import { countyOpinions } from '../../db/schema/index.js';
import { notify, usersWithRole } from '../notify.js';
import { loadVisibleApplication } from './access.js';
import { presentApplication } from './present.js';
import { transition } from './transition.js';

export interface RecommendationInput {
  recommend: boolean;
  opinion: string;
  signer: string;
  signedOn: string;
}

/**
 * The county body signs its opinion on an application from its area (Art. 14). The signed
 * opinion and the state change commit together; an unrecommended application stops here.
 */
export async function recommendApplication(ctx: ServiceContext, applicationId: string, input: RecommendationInput) {
  return inTransaction(ctx, async (tctx) => {
    const { row, facts } = await loadVisibleApplication(tctx, applicationId, { forUpdate: true });
    ensure(applicationPolicy.recommend(ctx.actor, facts));
    const updated = await transition(tctx, row, input.recommend ? 'recommended' : 'not_recommended', { reason: input.recommend ? null : input.opinion });
    const opinion = { applicationId: row.id, countyId: row.countyId!, recommend: input.recommend, opinion: input.opinion, signer: input.signer, signedOn: input.signedOn, userId: ctx.actor!.userId };
    await tctx.tx.insert(countyOpinions).values(opinion);
    await recordAudit(tctx, { action: 'county.opinion', entityType: 'application', entityId: row.id, after: opinion });
    if (input.recommend) {
      await notify(tctx, await usersWithRole(tctx, 'office'), {
        kind: 'application.toAccept',
        title: `${row.name}的申报待受理`,
        body: `县区已签署推荐意见：${input.opinion}`,
        link: `/applications/${row.id}`,
      });
    } else {
      await notify(tctx, [row.applicantUserId], { kind: 'application.notRecommended', title: '县区未推荐您的申报', body: input.opinion, link: `/applications/${row.id}` });
    }
    return presentApplication(tctx, updated);
  });
}
