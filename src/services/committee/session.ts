import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BallotRequest, CloseSessionRequest, OpenSessionRequest, SessionResult, SessionView } from '../../contract/committee.js';
import { applications, ballotCasts, ballotTallies, committeeSessions } from '../../db/schema/index.js';
import { BALLOT_CHOICES, CANDIDATE_OUTCOME_LABELS, candidateResults, noVotes, proposedList, type BallotChoice, type VoteCounts } from '../../domain/committee/ballot.js';
import { decisionSettings, quorumOf } from '../../domain/profile/decision-settings.js';
import { recordAudit } from '../audit/record.js';
import { applyDecision } from '../applications/decisions.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { invalid, isUniqueViolation, ServiceError, type FieldError } from '../errors.js';
import { loadEdition } from '../technical/actors.js';
import { candidatesOf, committeeRow, membersOf, recusalsOf, requireCommitteeRole, requireOffice, toSessionView, votersOf, type SessionRow } from './reads.js';

/**
 * The plenary session (全体会议, Art. 9, 16) with a secret ballot. The office opens it with the
 * members present (quorum per the profile), each member present casts one sheet — a choice per
 * candidate they are not recused from — and the office closes it: the result per candidate
 * becomes the committee_resolution decision, in the same transaction.
 *
 * Secrecy by construction: a cast writes who voted on which candidate (ballot_casts) and
 * increments the counts (ballot_tallies); the choice is never stored, logged or audited with
 * the voter. The profile's `secretBallot: false` (an open, named vote) is a switch not yet
 * used: every ballot is secret.
 */

async function sessionFor(tctx: TxContext, editionId: string, sessionId: string, lock: 'update' | 'share'): Promise<SessionRow> {
  const [row] = await tctx.tx.select().from(committeeSessions).where(and(eq(committeeSessions.id, sessionId), eq(committeeSessions.editionId, editionId))).for(lock);
  if (!row) throw new ServiceError('not_found', '全体会议不存在或无权查看');
  if (row.closedAt) throw new ServiceError('wrong_stage', '本次全体会议已结束');
  return row;
}

async function sessionView(tctx: TxContext, sessionId: string): Promise<SessionView> {
  const [row] = await tctx.tx.select().from(committeeSessions).where(eq(committeeSessions.id, sessionId));
  return toSessionView(row, (await votersOf(tctx.tx, [sessionId])).get(sessionId) ?? []);
}

/** Opens a plenary: the committee constituted, no other session open, the quorum present; the ballot is every candidate. */
export async function openSession(ctx: ServiceContext, editionId: string, input: OpenSessionRequest): Promise<SessionView> {
  requireOffice(ctx);
  try {
    return await inTransaction(ctx, async (tctx) => {
      const { profile } = await loadEdition(tctx.tx, editionId);
      const committee = await committeeRow(tctx.tx, editionId);
      if (!committee?.constitutedAt) throw new ServiceError('wrong_stage', '评审委员会尚未组成，不能召开全体会议');
      const members = await membersOf(tctx.tx, editionId);
      const present = [...new Set(input.presentUserIds)];
      const strangers = present.filter((id) => !members.some((m) => m.userId === id));
      if (strangers.length) throw invalid([{ field: 'presentUserIds', message: '出席人员须为本届评审委员会成员' }]);
      const { quorumShare } = decisionSettings(profile).committee;
      const quorum = quorumOf(members.length, quorumShare);
      if (present.length < quorum) throw new ServiceError('quorum_not_met', `出席 ${present.length} 人，未达到法定人数 ${quorum} 人（委员 ${members.length} 人）`, [{ field: 'presentUserIds', message: `至少须 ${quorum} 人出席` }]);
      const candidates = await candidatesOf(tctx.tx, editionId);
      if (!candidates.length) throw new ServiceError('wrong_stage', '本届没有待审议的建议候选，不能召开全体会议');
      const [row] = await tctx.tx
        .insert(committeeSessions)
        .values({ editionId, heldOn: input.heldOn, presentUserIds: present, applicationIds: candidates.map((c) => c.applicationId), openedBy: tctx.actor!.userId, openedAt: tctx.now() })
        .returning();
      await recordAudit(tctx, { action: 'committee.session', entityType: 'edition', entityId: editionId, after: { opened: row.id, heldOn: row.heldOn, present, quorum, candidates: row.applicationIds } });
      return sessionView(tctx, row.id);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'committee_sessions_one_open_uq')) throw new ServiceError('session_open', '已有正在进行的全体会议');
    throw error;
  }
}

/**
 * Casts the calling member's sheet, all at once and once: a choice for every candidate on the
 * ballot they are not recused from. The primary key of ballot_casts makes a double submit
 * give exactly one success.
 */
export async function castBallot(ctx: ServiceContext, editionId: string, input: BallotRequest): Promise<{ ok: true }> {
  const userId = requireCommitteeRole(ctx);
  try {
    await inTransaction(ctx, async (tctx) => {
      const session = await sessionFor(tctx, editionId, input.sessionId, 'share');
      if (!session.presentUserIds.includes(userId)) throw new ServiceError('not_assigned', '您未登记出席本次全体会议，不能投票');
      const recused = new Set((await recusalsOf(tctx.tx, editionId, userId)).map((r) => r.applicationId));
      const [already] = await tctx.tx.select().from(ballotCasts).where(and(eq(ballotCasts.sessionId, session.id), eq(ballotCasts.userId, userId))).limit(1);
      if (already) throw new ServiceError('already_voted', '您已在本次全体会议投票，不能重复投票或改票');
      const fields: FieldError[] = [];
      const seen = new Set<string>();
      input.choices.forEach((c, i) => {
        if (recused.has(c.applicationId)) throw new ServiceError('conflict_of_interest', '您已申报回避该申报，不能对其投票', [{ field: `choices.${i}.applicationId`, message: '已回避' }]);
        if (!session.applicationIds.includes(c.applicationId)) fields.push({ field: `choices.${i}.applicationId`, message: '该申报不在本次表决名单中' });
        if (seen.has(c.applicationId)) fields.push({ field: `choices.${i}.applicationId`, message: '同一申报只能投一票' });
        seen.add(c.applicationId);
      });
      const missing = session.applicationIds.filter((id) => !recused.has(id) && !seen.has(id));
      if (missing.length) fields.push({ field: 'choices', message: `还有 ${missing.length} 个申报未选择投票意见` });
      if (fields.length) throw invalid(fields);
      if (!input.choices.length) throw invalid([{ field: 'choices', message: '您已回避本次表决的全部申报，无需投票' }]);
      await tctx.tx.insert(ballotCasts).values(input.choices.map((c) => ({ sessionId: session.id, userId, applicationId: c.applicationId })));
      // In one order for every caller, so two members' increments never wait on each other crosswise (deadlock).
      const ordered = [...input.choices].sort((x, y) => (x.applicationId < y.applicationId ? -1 : x.applicationId > y.applicationId ? 1 : x.choice < y.choice ? -1 : 1));
      for (const c of ordered) {
        await tctx.tx
          .insert(ballotTallies)
          .values({ sessionId: session.id, applicationId: c.applicationId, choice: c.choice, votes: 1 })
          .onConflictDoUpdate({ target: [ballotTallies.sessionId, ballotTallies.applicationId, ballotTallies.choice], set: { votes: sql`${ballotTallies.votes} + 1` } });
      }
      // Who voted and on how many candidates; never the choices.
      await recordAudit(tctx, { action: 'ballot.cast', entityType: 'committee_session', entityId: session.id, after: { candidates: input.choices.length } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceError('already_voted', '您已在本次全体会议投票，不能重复投票或改票');
    throw error;
  }
  return { ok: true };
}

/** The tally and result of a session as they stand (counts only), for closing or voiding it. */
async function computeResult(tctx: TxContext, editionId: string, session: SessionRow, status: 'closed' | 'void', documentNumber: string | null, voidReason: string | null) {
  const { profile } = await loadEdition(tctx.tx, editionId);
  const settings = decisionSettings(profile).committee;
  const members = await membersOf(tctx.tx, editionId);
  const recusals = (await recusalsOf(tctx.tx, editionId)).filter((r) => session.applicationIds.includes(r.applicationId));
  const apps = await tctx.tx.select({ id: applications.id, name: applications.name, kind: applications.kind, state: applications.state }).from(applications).where(inArray(applications.id, session.applicationIds));
  const tallyRows = await tctx.tx.select().from(ballotTallies).where(eq(ballotTallies.sessionId, session.id));
  const tallies = new Map<string, VoteCounts>();
  for (const t of tallyRows) {
    const counts = tallies.get(t.applicationId) ?? noVotes();
    if ((BALLOT_CHOICES as readonly string[]).includes(t.choice)) counts[t.choice as BallotChoice] = t.votes;
    tallies.set(t.applicationId, counts);
  }
  const ordered = session.applicationIds.map((id) => apps.find((a) => a.id === id)!).filter(Boolean);
  const results = candidateResults({ memberIds: members.map((m) => m.userId), recusals, candidates: ordered.map((a) => ({ applicationId: a.id, kind: a.kind as 'unit' | 'individual' })), tallies, thresholdShare: settings.thresholdShare });
  const proposed = proposedList(results, profile.quotas);
  const voters = new Set((await votersOf(tctx.tx, [session.id])).get(session.id) ?? []);
  const result: SessionResult = {
    status,
    documentNumber,
    voidReason,
    quorumShare: settings.quorumShare,
    thresholdShare: settings.thresholdShare,
    quorum: quorumOf(members.length, settings.quorumShare),
    members: members.map((m) => ({ ...m, present: session.presentUserIds.includes(m.userId), voted: voters.has(m.userId) })),
    recusals,
    candidates: results.map((r) => ({ ...r, name: apps.find((a) => a.id === r.applicationId)!.name, outcomeLabel: CANDIDATE_OUTCOME_LABELS[r.outcome] })),
    breaches: [...proposed.check.breaches.map((b) => b.message), ...proposed.check.duplicates.map((d) => d.message)],
  };
  return { result, results, proposed, apps };
}

/**
 * Closes the session: the result per candidate, checked against the quotas — a list over quota
 * is refused, never cut silently (the office voids the session and holds a new round) — then
 * the committee_resolution decision moves each candidate, all in one transaction.
 */
export async function closeSession(ctx: ServiceContext, editionId: string, sessionId: string, input: CloseSessionRequest): Promise<SessionView> {
  requireOffice(ctx);
  return inTransaction(ctx, async (tctx) => {
    const session = await sessionFor(tctx, editionId, sessionId, 'update');
    const documentNumber = input.documentNumber.trim();
    const { result, results, apps } = await computeResult(tctx, editionId, session, 'closed', documentNumber, null);
    if (result.breaches.length) throw new ServiceError('quota_exceeded', `表决结果超出名额，不能形成决议：${result.breaches.join('；')}。请宣布本轮表决无效并重新表决。`, result.breaches.map((message) => ({ field: 'result', message })));
    const still = new Set(apps.filter((a) => a.state === 'candidate').map((a) => a.id));
    const items = results
      .filter((r) => still.has(r.applicationId))
      .map((r) => (r.outcome === 'not_proposed' ? { applicationId: r.applicationId, outcome: 'not_selected' } : { applicationId: r.applicationId, outcome: 'proposed', category: r.outcome }));
    const decisionId = items.length ? await applyDecision(tctx, editionId, { kind: 'committee_resolution', documentNumber, decidedOn: session.heldOn, note: '评审委员会全体会议无记名投票表决', items }) : null;
    await tctx.tx.update(committeeSessions).set({ closedAt: tctx.now(), decisionId, result }).where(eq(committeeSessions.id, session.id));
    await recordAudit(tctx, { action: 'committee.session', entityType: 'edition', entityId: editionId, after: { closed: session.id, decision: decisionId, results: results.map((r) => ({ applicationId: r.applicationId, entitled: r.entitled, needed: r.needed, votes: r.votes, outcome: r.outcome })) } });
    return sessionView(tctx, session.id);
  });
}

/** Ends a session without a resolution (e.g. its result broke the quotas): the tally is kept for the minutes; candidates stay for a new round. */
export async function voidSession(ctx: ServiceContext, editionId: string, sessionId: string, input: { reason: string }): Promise<SessionView> {
  requireOffice(ctx);
  return inTransaction(ctx, async (tctx) => {
    const session = await sessionFor(tctx, editionId, sessionId, 'update');
    const { result } = await computeResult(tctx, editionId, session, 'void', null, input.reason.trim());
    await tctx.tx.update(committeeSessions).set({ closedAt: tctx.now(), result }).where(eq(committeeSessions.id, session.id));
    await recordAudit(tctx, { action: 'committee.session', entityType: 'edition', entityId: editionId, after: { voided: session.id, reason: input.reason.trim() } });
    return sessionView(tctx, session.id);
  });
}
