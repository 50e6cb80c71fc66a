import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CommitteeView, ConstituteRequest, MemberRequest } from '../../contract/committee.js';
import { committeeMembers, committees, committeeSessions, users } from '../../db/schema/index.js';
import { constitutionProblems } from '../../domain/committee/ballot.js';
import { decisionSettings } from '../../domain/profile/decision-settings.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { invalid, ServiceError } from '../errors.js';
import { loadEdition } from '../technical/actors.js';
import { candidatesOf, committeeRow, membersOf, recusalsOf, requireOffice, toSessionView, votersOf } from './reads.js';

/**
 * The review committee of an edition (Art. 9): the office adds members (accounts holding the
 * committee role) with their positions until it constitutes the committee — an odd number,
 * at least three, exactly one chair — after which membership is frozen.
 */

export async function committeeView(ctx: ServiceContext, editionId: string): Promise<CommitteeView> {
  requireOffice(ctx);
  const { edition, profile } = await loadEdition(ctx.db, editionId);
  const settings = decisionSettings(profile).committee;
  const committee = await committeeRow(ctx.db, editionId);
  const members = await membersOf(ctx.db, editionId);
  const eligible = await ctx.db
    .select({ userId: users.id, name: users.displayName, username: users.username })
    .from(users)
    .where(and(eq(users.active, true), sql`'committee' = ANY(${users.roles})`))
    .orderBy(asc(users.displayName));
  const sessions = await ctx.db.select().from(committeeSessions).where(eq(committeeSessions.editionId, editionId)).orderBy(desc(committeeSessions.openedAt));
  const voters = await votersOf(ctx.db, sessions.map((s) => s.id));
  return {
    editionId,
    editionName: edition.name,
    constitutedAt: committee?.constitutedAt?.toISOString() ?? null,
    documentNumber: committee?.documentNumber ?? null,
    members,
    eligibleUsers: eligible.filter((u) => !members.some((m) => m.userId === u.userId)),
    quorumShare: settings.quorumShare,
    thresholdShare: settings.thresholdShare,
    secretBallot: settings.secretBallot,
    recusals: await recusalsOf(ctx.db, editionId),
    candidates: await candidatesOf(ctx.db, editionId),
    sessions: sessions.map((s) => toSessionView(s, voters.get(s.id) ?? [])),
  };
}

/** The committee row, locked, created on first use; refuses once constituted. */
async function unfrozenCommittee(tctx: TxContext, editionId: string) {
  await loadEdition(tctx.tx, editionId);
  await tctx.tx.insert(committees).values({ editionId }).onConflictDoNothing();
  const [row] = await tctx.tx.select().from(committees).where(eq(committees.editionId, editionId)).for('update');
  if (row.constitutedAt) throw new ServiceError('committee_frozen', '评审委员会已组成，成员不能再变更');
  return row;
}

/** Adds a member, or changes a member's position. */
export async function setMember(ctx: ServiceContext, editionId: string, input: MemberRequest): Promise<CommitteeView> {
  requireOffice(ctx);
  await inTransaction(ctx, async (tctx) => {
    await unfrozenCommittee(tctx, editionId);
    const [user] = await tctx.tx.select().from(users).where(eq(users.id, input.userId));
    if (!user || !user.active || !user.roles.includes('committee')) throw invalid([{ field: 'userId', message: '只能选择持有“评审委员会委员”角色的在用账号' }]);
    await tctx.tx
      .insert(committeeMembers)
      .values({ editionId, userId: input.userId, position: input.position })
      .onConflictDoUpdate({ target: [committeeMembers.editionId, committeeMembers.userId], set: { position: input.position } });
    await recordAudit(tctx, { action: 'committee.member', entityType: 'edition', entityId: editionId, after: { added: input.userId, position: input.position } });
  });
  return committeeView(ctx, editionId);
}

export async function removeMember(ctx: ServiceContext, editionId: string, userId: string): Promise<CommitteeView> {
  requireOffice(ctx);
  await inTransaction(ctx, async (tctx) => {
    await unfrozenCommittee(tctx, editionId);
    const removed = await tctx.tx.delete(committeeMembers).where(and(eq(committeeMembers.editionId, editionId), eq(committeeMembers.userId, userId))).returning();
    if (!removed.length) throw new ServiceError('not_found', '该账号不是本届评审委员会成员');
    await recordAudit(tctx, { action: 'committee.member', entityType: 'edition', entityId: editionId, before: { removed: userId, position: removed[0].position } });
  });
  return committeeView(ctx, editionId);
}

/** Constitutes the committee: an odd number (Art. 9), at least three, one chair; membership freezes. */
export async function constituteCommittee(ctx: ServiceContext, editionId: string, input: ConstituteRequest): Promise<CommitteeView> {
  requireOffice(ctx);
  await inTransaction(ctx, async (tctx) => {
    await unfrozenCommittee(tctx, editionId);
    const members = await membersOf(tctx.tx, editionId);
    const { even, problems } = constitutionProblems(members.map((m) => m.position));
    if (even) throw new ServiceError('committee_even', problems.join('；'), [{ field: 'members', message: problems.join('；') }]);
    if (problems.length) throw invalid([{ field: 'members', message: problems.join('；') }], problems.join('；'));
    const documentNumber = input.documentNumber?.trim() || null;
    await tctx.tx.update(committees).set({ constitutedAt: tctx.now(), documentNumber }).where(eq(committees.editionId, editionId));
    await recordAudit(tctx, { action: 'committee.constitute', entityType: 'edition', entityId: editionId, after: { members: members.map((m) => ({ userId: m.userId, position: m.position })), documentNumber } });
  });
  return committeeView(ctx, editionId);
}
