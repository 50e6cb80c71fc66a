import { and, eq } from 'drizzle-orm';
import type { OfficeRecusalRequest } from '../../contract/committee.js';
import { applications, ballotCasts, committeeMembers, committeeRecusals } from '../../db/schema/index.js';
import { hasRole } from '../../domain/roles.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { invalid, ServiceError } from '../errors.js';
import { openSessionOf } from './reads.js';

/**
 * A member's declared conflict with a candidate (SPEC §9): they are recused from that
 * candidate's deliberation and vote. Declared by the member or by the office on their behalf,
 * while the candidate is still to be voted on (state 'candidate') and before the member has
 * voted on it; a declaration is never withdrawn.
 */
export async function declareRecusal(ctx: ServiceContext, editionId: string, input: OfficeRecusalRequest, by: 'member' | 'office'): Promise<void> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  const self = by === 'member';
  if (self && (!hasRole(ctx.actor, 'committee') || input.userId !== ctx.actor.userId)) throw new ServiceError('wrong_role', '只有评审委员会委员本人可以申报回避');
  if (!self && !hasRole(ctx.actor, 'office')) throw new ServiceError('wrong_role', '只有强市办可以代委员申报回避');
  await inTransaction(ctx, async (tctx) => {
    const [member] = await tctx.tx.select().from(committeeMembers).where(and(eq(committeeMembers.editionId, editionId), eq(committeeMembers.userId, input.userId)));
    if (!member) throw new ServiceError(self ? 'not_assigned' : 'not_found', self ? '您不是本届评审委员会成员' : '该账号不是本届评审委员会成员');
    const [app] = await tctx.tx.select({ state: applications.state }).from(applications).where(and(eq(applications.id, input.applicationId), eq(applications.editionId, editionId)));
    if (!app) throw invalid([{ field: 'applicationId', message: '本届次中没有该申报' }]);
    if (app.state !== 'candidate') throw new ServiceError('wrong_stage', '该申报已不在待审议的建议候选名单中，不能再申报回避');
    const session = await openSessionOf(tctx.tx, editionId);
    if (session) {
      const [cast] = await tctx.tx.select().from(ballotCasts).where(and(eq(ballotCasts.sessionId, session.id), eq(ballotCasts.userId, input.userId), eq(ballotCasts.applicationId, input.applicationId)));
      if (cast) throw new ServiceError('already_voted', '已对该申报投票，不能再申报回避');
    }
    const inserted = await tctx.tx.insert(committeeRecusals).values({ editionId, userId: input.userId, applicationId: input.applicationId, reason: input.reason.trim() }).onConflictDoNothing().returning();
    if (!inserted.length) return; // declared already: the first reason stands
    await recordAudit(tctx, { action: 'committee.recusal', entityType: 'application', entityId: input.applicationId, after: { userId: input.userId, reason: input.reason.trim(), by: self ? 'member' : 'office' } });
  });
}
