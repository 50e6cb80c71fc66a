import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { ExpertDisqualification, RankingSnapshotRow } from '../../contract/supervision.js';
import { rankingSnapshotRow } from '../../contract/supervision.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, expertDisqualifications, experts, panelAssignments, scorebooks } from '../../db/schema/index.js';
import { STAGE_LABELS } from '../../domain/lifecycle/states.js';
import { APPLICANT_KINDS, type RuleProfile } from '../../domain/profile/schema.js';
import { hasRole, type Role } from '../../domain/roles.js';
import { rankForAdvancement } from '../../domain/scoring/advancement.js';
import { recordAudit } from '../audit/record.js';
import type { ServiceContext, TxContext } from '../context.js';
import { compositeScores } from '../decision/composite.js';
import { isUniqueViolation, notFound, ServiceError } from '../errors.js';
import { notify, usersWithRole } from '../notify.js';
import { loadEdition } from '../technical/actors.js';
import { computeStage } from '../technical/results.js';
import { isDisqualified } from './disqualified.js';

/**
 * Art. 26: an expert found to have abused the role is disqualified for the edition. Their
 * scorebooks are set aside; aggregates, calibration, rankings and the composite are computed on
 * demand from the scorebooks that stand, so they change by themselves. The snapshot before and
 * after records that change for the office and the agency.
 *
 * Decisions already recorded (an advancement list, a committee resolution) are NOT redone here:
 * moving applications silently would overrule a body that decided. The before/after shows who
 * would now rank differently; the office puts it to the body that decided, which may decide
 * again through the ordinary procedure.
 */

/** The ranking uses no cut here: only the order matters. */
const NO_CUT = { top: null, minScore: null, greyZonePoints: 0 };

const round = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);

/** Per technical stage each application's aggregate and rank within its kind, then the composite once it exists. */
export async function rankingSnapshot(db: DbOrTx, editionId: string, profile: RuleProfile): Promise<RankingSnapshotRow[]> {
  const out: RankingSnapshotRow[] = [];
  for (const stage of profile.technicalStages) {
    const { rows } = await computeStage(db, editionId, stage, profile);
    for (const kind of APPLICANT_KINDS) {
      const ofKind = rows.filter((r) => r.kind === kind);
      const ranked = rankForAdvancement(ofKind.filter((r) => r.aggregate.aggregate !== null).map((r) => ({ id: r.applicationId, score: r.aggregate.aggregate! })), NO_CUT);
      const rank = new Map(ranked.entries.map((e) => [e.id, e.rank]));
      for (const r of ofKind) {
        out.push({ applicationId: r.applicationId, name: r.name, kind, stage, score: round(r.aggregate.aggregate), rank: rank.get(r.applicationId) ?? null, calibrated: round(r.calibrated), counted: r.submitted });
      }
    }
  }
  const composite = await compositeScores(db, editionId, profile);
  if (composite.some((r) => r.composite !== null)) {
    for (const r of composite) out.push({ applicationId: r.applicationId, name: r.name, kind: r.kind, stage: 'composite', score: round(r.composite), rank: r.rank, calibrated: null, counted: null });
  }
  const order = (r: RankingSnapshotRow) => [r.stage === 'composite' ? 99 : profile.technicalStages.indexOf(r.stage as never), r.kind === 'unit' ? 0 : 1, r.rank ?? 1e9] as const;
  return out.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.name.localeCompare(b.name, 'zh-CN');
  });
}

const key = (r: RankingSnapshotRow) => `${r.stage}:${r.applicationId}`;

/** The rows whose score, rank or counted scorebooks differ between the two snapshots (a row on one side only counts as changed). */
export function changedRows(before: readonly RankingSnapshotRow[], after: readonly RankingSnapshotRow[]): Array<{ before: RankingSnapshotRow | null; after: RankingSnapshotRow | null }> {
  const afterBy = new Map(after.map((r) => [key(r), r]));
  const beforeBy = new Map(before.map((r) => [key(r), r]));
  const out: Array<{ before: RankingSnapshotRow | null; after: RankingSnapshotRow | null }> = [];
  for (const b of before) {
    const a = afterBy.get(key(b)) ?? null;
    if (!a || a.score !== b.score || a.rank !== b.rank || a.counted !== b.counted) out.push({ before: b, after: a });
  }
  for (const a of after) if (!beforeBy.has(key(a))) out.push({ before: null, after: a });
  return out;
}

const stageLabel = (stage: string) => (stage === 'composite' ? '综合评分' : (STAGE_LABELS[stage as keyof typeof STAGE_LABELS] ?? stage));

/**
 * Disqualifies an expert for an edition in the caller's transaction (the caller checks the
 * role and the case's step) and returns the record with the ranking before and after.
 */
export async function disqualifyExpert(tctx: TxContext, input: { editionId: string; expertId: string; reason: string; caseId: string | null }): Promise<ExpertDisqualification> {
  const actorId = tctx.actor?.userId;
  if (!actorId) throw new ServiceError('unauthenticated', '请先登录');
  const db = tctx.tx;
  const { edition, profile } = await loadEdition(db, input.editionId);
  const [expert] = await db.select({ id: experts.id, name: experts.name, userId: experts.userId, agencyId: experts.agencyId }).from(experts).where(eq(experts.id, input.expertId));
  if (!expert) throw notFound('专家');
  const refusal = () => new ServiceError('expert_disqualified', `${expert.name}已被取消${edition.name}的评审资格，不能重复取消`);
  if (await isDisqualified(db, edition.id, expert.id)) throw refusal();

  const before = await rankingSnapshot(db, edition.id, profile);
  const now = tctx.now();
  const setAside = await db
    .update(scorebooks)
    .set({ setAsideAt: now })
    .where(and(eq(scorebooks.editionId, edition.id), eq(scorebooks.expertId, expert.id), isNull(scorebooks.setAsideAt)))
    .returning({ id: scorebooks.id, applicationId: scorebooks.applicationId, stage: scorebooks.stage, kind: scorebooks.kind });
  const after = await rankingSnapshot(db, edition.id, profile);

  let row: typeof expertDisqualifications.$inferSelect;
  try {
    [row] = await db.insert(expertDisqualifications).values({ editionId: edition.id, expertId: expert.id, caseId: input.caseId, reason: input.reason, before, after, disqualifiedBy: actorId, disqualifiedAt: now }).returning();
  } catch (error) {
    // A concurrent disqualification of the same expert won the unique index.
    if (isUniqueViolation(error, 'expert_disqualifications_uq')) throw refusal();
    throw error;
  }

  const changed = changedRows(before, after);
  const affected = [...new Set(changed.map((c) => (c.after ?? c.before)!.applicationId))];
  await recordAudit(tctx, {
    action: 'expert.disqualify',
    entityType: 'expert',
    entityId: expert.id,
    after: {
      editionId: edition.id,
      caseId: input.caseId,
      reason: input.reason,
      scorebooksSetAside: setAside.length,
      changed: changed.map((c) => ({ applicationId: (c.after ?? c.before)!.applicationId, stage: (c.after ?? c.before)!.stage, score: [c.before?.score ?? null, c.after?.score ?? null], rank: [c.before?.rank ?? null, c.after?.rank ?? null] })),
    },
  });

  const summary = changed.length
    ? `评分或排名发生变化的申报 ${affected.length} 个：${changed.map((c) => { const r = (c.after ?? c.before)!; return `${r.name}（${stageLabel(r.stage)}${c.before?.rank ?? '—'}→${c.after?.rank ?? '—'}名）`; }).join('；')}`
    : '各申报的评分和排名均未变化';
  const officeLink = input.caseId ? `/supervision/${input.caseId}` : `/technical/${edition.id}`;
  const body = `依据第二十六条，${expert.name}被取消${edition.name}的评审资格，其 ${setAside.length} 份评分已作废，评审结果已按其余专家的评分重新计算。${summary}。已作出的晋级等决定不自动变更，请研究是否需要重新审议。`;
  await notify(tctx, await usersWithRole(tctx, 'office'), { kind: 'expert.disqualified', title: `专家评审资格已取消：${expert.name}`, body, link: officeLink });
  // A panel they led has no working leader now: the agency names another (the consensus waits for one).
  const led = await db.select({ id: panelAssignments.id }).from(panelAssignments).where(and(eq(panelAssignments.editionId, edition.id), eq(panelAssignments.expertId, expert.id), eq(panelAssignments.isLeader, true)));
  const leaderNote = led.length ? `该专家担任 ${led.length} 个评审组的组长，请重新指定组长。` : '';
  await notify(tctx, await usersWithRole(tctx, 'agency', expert.agencyId), { kind: 'expert.disqualified', title: `专家评审资格已取消：${expert.name}`, body: body + leaderNote, link: `/technical/${edition.id}` });
  if (expert.userId) {
    await notify(tctx, [expert.userId], { kind: 'expert.disqualified', title: `您已被取消${edition.name}的评审资格`, body: `依据第二十六条，您被取消${edition.name}的评审资格，您在本届的评分已作废。原因：${input.reason}` });
  }
  if (affected.length) {
    // Applicants learn only that their own result was recomputed: no scores of others, no expert's name.
    const apps = await db.select({ id: applications.id, name: applications.name, userId: applications.applicantUserId }).from(applications).where(inArray(applications.id, affected)).orderBy(asc(applications.name));
    for (const app of apps) {
      await notify(tctx, [app.userId], {
        kind: 'expert.disqualified',
        title: `评审结果已重新计算：${app.name}`,
        body: `因一名评审专家被依法取消本届评审资格（第二十六条），其评分已作废，您的申报「${app.name}」的技术评审得分和排名已按其余专家的评分重新计算。如有疑问，请联系市强市办。`,
        link: `/applications/${app.id}`,
      });
    }
  }

  return {
    id: row.id,
    editionId: row.editionId,
    expertId: row.expertId,
    expertName: expert.name,
    caseId: row.caseId,
    reason: row.reason,
    disqualifiedAt: row.disqualifiedAt.toISOString(),
    before,
    after,
  };
}

/** Who reads an edition's disqualifications: those who read supervision cases (office, leadership, government, committee, audit) and the agency that names the panels. */
const READERS: readonly Role[] = ['office', 'agency', 'leadership', 'government', 'committee', 'auditadmin'];

const snapshotRows = (value: unknown): RankingSnapshotRow[] => rankingSnapshotRow.array().parse(value);

/** An edition's disqualifications, newest first, each with the ranking before and after. */
export async function listExpertDisqualifications(ctx: ServiceContext, editionId: string): Promise<{ items: ExpertDisqualification[] }> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!READERS.some((r) => hasRole(ctx.actor, r))) throw new ServiceError('wrong_role', '当前角色无权查看专家资格取消记录');
  const { edition } = await loadEdition(ctx.db, editionId);
  const rows = await ctx.db
    .select({ row: expertDisqualifications, expertName: experts.name })
    .from(expertDisqualifications)
    .innerJoin(experts, eq(experts.id, expertDisqualifications.expertId))
    .where(eq(expertDisqualifications.editionId, edition.id))
    .orderBy(desc(expertDisqualifications.disqualifiedAt));
  return {
    items: rows.map(({ row, expertName }) => ({
      id: row.id,
      editionId: row.editionId,
      expertId: row.expertId,
      expertName,
      caseId: row.caseId,
      reason: row.reason,
      disqualifiedAt: row.disqualifiedAt.toISOString(),
      before: snapshotRows(row.before),
      after: snapshotRows(row.after),
    })),
  };
}
