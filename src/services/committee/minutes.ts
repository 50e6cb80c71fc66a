import { and, eq } from 'drizzle-orm';
import { committeeMembers, committeeSessions } from '../../db/schema/index.js';
import { hasRole } from '../../domain/roles.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { minutesTitle, renderMinutesPdf } from '../reports/committee-minutes-pdf.js';
import { loadEdition } from '../technical/actors.js';
import { sessionResult } from '../../contract/committee.js';

/** The minutes of an ended session, for the office and the committee's members. */
export async function sessionMinutes(ctx: ServiceContext, editionId: string, sessionId: string): Promise<{ filename: string; content: Uint8Array }> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  const office = hasRole(ctx.actor, 'office');
  if (!office && !hasRole(ctx.actor, 'committee')) throw new ServiceError('wrong_role', '只有强市办和评审委员会委员可以查看会议纪要');
  if (!office) {
    const [member] = await ctx.db.select().from(committeeMembers).where(and(eq(committeeMembers.editionId, editionId), eq(committeeMembers.userId, ctx.actor.userId)));
    if (!member) throw new ServiceError('not_found', '全体会议不存在或无权查看');
  }
  const [session] = await ctx.db.select().from(committeeSessions).where(and(eq(committeeSessions.id, sessionId), eq(committeeSessions.editionId, editionId)));
  if (!session) throw new ServiceError('not_found', '全体会议不存在或无权查看');
  if (!session.result) throw new ServiceError('wrong_stage', '全体会议尚未结束，纪要在闭会后生成');
  const { edition } = await loadEdition(ctx.db, editionId);
  const content = await renderMinutesPdf({ editionName: edition.name, heldOn: session.heldOn, result: sessionResult.parse(session.result) });
  return { filename: `${minutesTitle({ editionName: edition.name })}（${session.heldOn}）.pdf`, content };
}
