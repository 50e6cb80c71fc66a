import { and, eq, sql } from 'drizzle-orm';
import type { MemberEditions, MemberSheet } from '../../contract/committee.js';
import { ballotCasts, committeeMembers, committees, committeeSessions, editions } from '../../db/schema/index.js';
import type { CommitteePosition } from '../../domain/committee/ballot.js';
import { compositeScores } from '../decision/composite.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { loadEdition } from '../technical/actors.js';
import { candidatesOf, openSessionOf, recusalsOf, requireCommitteeRole } from './reads.js';

/** What a committee member sees: the editions they sit on, and their ballot sheet. */

export async function memberEditions(ctx: ServiceContext): Promise<MemberEditions> {
  const userId = requireCommitteeRole(ctx);
  const rows = await ctx.db
    .select({ editionId: editions.id, name: editions.name, year: editions.year, position: committeeMembers.position, constitutedAt: committees.constitutedAt, open: sql<number>`(SELECT count(*) FROM ${committeeSessions} s WHERE s.edition_id = ${editions.id} AND s.closed_at IS NULL)` })
    .from(committeeMembers)
    .innerJoin(editions, eq(editions.id, committeeMembers.editionId))
    .leftJoin(committees, eq(committees.editionId, committeeMembers.editionId))
    .where(eq(committeeMembers.userId, userId));
  return { items: rows.map((r) => ({ editionId: r.editionId, name: r.name, year: r.year, position: r.position as CommitteePosition, constituted: r.constitutedAt !== null, sessionOpen: Number(r.open) > 0 })) };
}

/** The member's sheet: candidates with their composite scores; a recused candidate has no ballot line (and no scores shown). */
export async function memberSheet(ctx: ServiceContext, editionId: string): Promise<MemberSheet> {
  const userId = requireCommitteeRole(ctx);
  const [member] = await ctx.db.select().from(committeeMembers).where(and(eq(committeeMembers.editionId, editionId), eq(committeeMembers.userId, userId)));
  if (!member) throw new ServiceError('not_found', '届次不存在或您不是该届评审委员会成员');
  const { edition, profile } = await loadEdition(ctx.db, editionId);
  const committee = (await ctx.db.select().from(committees).where(eq(committees.editionId, editionId)))[0];
  const myRecusals = await recusalsOf(ctx.db, editionId, userId);
  const recused = new Set(myRecusals.map((r) => r.applicationId));
  const composite = new Map((await compositeScores(ctx.db, editionId, profile)).map((r) => [r.applicationId, r]));
  const session = await openSessionOf(ctx.db, editionId);
  const voted = session ? (await ctx.db.select().from(ballotCasts).where(and(eq(ballotCasts.sessionId, session.id), eq(ballotCasts.userId, userId))).limit(1)).length > 0 : false;
  const candidates = (await candidatesOf(ctx.db, editionId)).map((c) => {
    const score = recused.has(c.applicationId) ? undefined : composite.get(c.applicationId);
    return { ...c, composite: score?.composite ?? null, rank: score?.rank ?? null, material: score?.material ?? null, onsiteDefence: score?.onsiteDefence ?? null, satisfaction: score?.satisfaction ?? null, recused: recused.has(c.applicationId) };
  });
  return {
    editionId,
    editionName: edition.name,
    position: member.position as CommitteePosition,
    constituted: Boolean(committee?.constitutedAt),
    candidates,
    myRecusals,
    session: session
      ? { id: session.id, heldOn: session.heldOn, present: session.presentUserIds.includes(userId), voted, applicationIds: session.applicationIds.filter((id) => !recused.has(id)) }
      : null,
  };
}
