import { and, eq, inArray } from 'drizzle-orm';
import type { TechnicalReport } from '../../contract/technical-report.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, organisations, technicalReports } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { STAGE_STATES } from '../../domain/lifecycle/states.js';
import { APPLICANT_KINDS, type RuleProfile, type TechnicalStage } from '../../domain/profile/schema.js';
import { technicalTotal } from '../../domain/scoring/technical-total.js';
import { hasRole } from '../../domain/roles.js';
import { applyDecision } from '../applications/decisions.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { conflict, notFound, ServiceError } from '../errors.js';
import { loadEdition, requireAgency } from './actors.js';
import { TECHNICAL_STATES } from './conflicts.js';
import { computeStage, type StageApplicationScore } from './results.js';
import { stageScoresComplete } from './stage-status.js';

/**
 * The technical results report (Art. 8): the agency ranks every applicant it reviewed by the
 * technical score (stage scores weighted by the profile), raw and calibrated, with category
 * scores for the radar chart, and submits it to the office. Submission records the final
 * stage's decision and freezes the report in one transaction.
 */

const round = (x: number) => Math.round(x * 10) / 10;

export async function buildReport(db: DbOrTx, editionId: string, agencyName: string, now: Date): Promise<TechnicalReport> {
  const { edition, profile } = await loadEdition(db, editionId);
  const stages = profile.technicalStages;
  const byStage = new Map<TechnicalStage, Map<string, StageApplicationScore>>();
  let calibrationNote: string | null = null;
  for (const stage of stages) {
    const { rows, calibration } = await computeStage(db, editionId, stage, profile);
    byStage.set(stage, new Map(rows.map((r) => [r.applicationId, r])));
    if (!calibration.ok && rows.length && calibration.reason) calibrationNote = calibration.reason;
  }
  const first = byStage.get(stages[0])!;
  const sections = APPLICANT_KINDS.map((kind) => {
    const template = profile.scoringTemplates[kind];
    const rows = [...first.values()]
      .filter((r) => r.kind === kind)
      .map((r) => {
        const scores = Object.fromEntries(stages.map((s) => [s, byStage.get(s)!.get(r.applicationId) ?? null])) as Record<TechnicalStage, StageApplicationScore | null>;
        const raw = technicalTotal(profile, Object.fromEntries(stages.map((s) => [s, scores[s]?.aggregate.aggregate ?? null])));
        const calibratedParts = stages.filter((s) => scores[s]);
        const calibrated = calibratedParts.every((s) => scores[s]!.calibrated !== null) ? technicalTotal(profile, Object.fromEntries(calibratedParts.map((s) => [s, scores[s]!.calibrated]))) : null;
        // The categories of the latest stage it was scored at: on site, experts confirm or adjust the material scores.
        const latest = [...calibratedParts].reverse().find((s) => scores[s]!.aggregate.rawMean !== null);
        const byCategory = latest ? scores[latest]!.aggregate.byCategory : {};
        return {
          applicationId: r.applicationId,
          applicantName: r.name,
          reached: calibratedParts.length,
          rank: 0,
          raw: round(raw ?? 0),
          calibrated: calibrated === null ? null : round(calibrated),
          stageScores: Object.fromEntries(stages.map((s) => [s, scores[s] && scores[s]!.aggregate.aggregate !== null ? { raw: round(scores[s]!.aggregate.aggregate!), calibrated: scores[s]!.calibrated === null ? null : round(scores[s]!.calibrated!), experts: scores[s]!.submitted } : null])),
          categoryScores: Object.fromEntries(template.categories.map((c) => [c.code, round(byCategory[c.code] ?? 0)])),
          disagreement: calibratedParts.some((s) => scores[s]!.aggregate.disagreement),
        };
      })
      // Those who went through every stage first, then by technical score.
      .sort((a, b) => b.reached - a.reached || b.raw - a.raw || a.applicantName.localeCompare(b.applicantName, 'zh'));
    rows.forEach((row, i) => (row.rank = i + 1));
    const categories = template.categories.map((c) => ({ code: c.code, name: c.name, points: c.items.reduce((s, i) => s + i.points, 0) }));
    const categoryMeans = Object.fromEntries(categories.map((c) => [c.code, rows.length ? round(rows.reduce((s, r) => s + (r.categoryScores[c.code] ?? 0), 0) / rows.length) : 0]));
    return { kind, categories, rows: rows.map(({ reached: _reached, ...row }) => row), cohort: { categoryMeans } };
  }).filter((s) => s.rows.length > 0);
  const w = profile.stageWeights;
  const notes = [
    `技术评审得分按规则配置的权重计算：材料评审 ${w.material}，现场评审与陈述答辩 ${w.onsiteDefence}（两者取平均），两项权重按比例折算为百分之百；社会满意度测评不在技术评审之内。`,
    `各环节得分按“${{ mean: '算术平均', trimmed_mean: '去掉最高分和最低分后的平均', leader_consensus: '组长汇总的组内一致意见' }[profile.aggregation]}”汇总，原始平均分始终并列。`,
    '校准分为消除专家宽严差异后的估计（加性最小二乘并收缩），仅供参考，不替代原始分。',
    '单位和个人按各自评分模板分别排名；未完成全部环节者列于其后。',
  ];
  if (calibrationNote) notes.push(`校准：${calibrationNote}`);
  return { edition: { id: edition.id, name: edition.name, year: edition.year }, generatedAt: now.toISOString(), agencyName, stages, sections, notes };
}

async function agencyName(db: DbOrTx, agencyId: string): Promise<string> {
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, agencyId));
  return row?.name ?? '第三方评价机构';
}

/** The report: the submitted one when there is one, else (for the agency) a draft computed now. */
export async function getReport(ctx: ServiceContext, editionId: string): Promise<{ submittedAt: string | null; report: TechnicalReport }> {
  const [submitted] = await ctx.db.select().from(technicalReports).where(eq(technicalReports.editionId, editionId));
  if (submitted && (hasRole(ctx.actor, 'agency') || hasRole(ctx.actor, 'office'))) {
    return { submittedAt: submitted.submittedAt.toISOString(), report: submitted.content as unknown as TechnicalReport };
  }
  if (hasRole(ctx.actor, 'office') && !hasRole(ctx.actor, 'agency')) throw notFound('技术评审结果报告');
  const agencyId = requireAgency(ctx);
  return { submittedAt: null, report: await buildReport(ctx.db, editionId, await agencyName(ctx.db, agencyId), ctx.now()) };
}

function finalStage(profile: RuleProfile): TechnicalStage {
  return profile.technicalStages[profile.technicalStages.length - 1];
}

/**
 * Submits the report: every application at the final stage must be fully scored; they are
 * reported (技术评审结果已报送) by the agency's decision, and the report is frozen, together.
 */
export async function submitReport(ctx: ServiceContext, editionId: string): Promise<{ submittedAt: string | null; report: TechnicalReport }> {
  const agencyId = requireAgency(ctx);
  await inTransaction(ctx, async (tctx) => {
    const db = tctx.tx;
    const { profile } = await loadEdition(db, editionId);
    const [already] = await db.select({ id: technicalReports.id }).from(technicalReports).where(eq(technicalReports.editionId, editionId));
    if (already) throw conflict('already_decided', '本届技术评审结果报告已报送');
    const stage = finalStage(profile);
    const waiting = await db.select().from(applications).where(and(eq(applications.editionId, editionId), inArray(applications.state, [...TECHNICAL_STATES])));
    const atFinal = waiting.filter((a) => a.state === STAGE_STATES[stage]);
    const elsewhere = waiting.filter((a) => a.state !== STAGE_STATES[stage]);
    if (elsewhere.length) throw new ServiceError('guard_failed', `尚有 ${elsewhere.length} 项申报未完成前序评审环节：${elsewhere.slice(0, 5).map((a) => a.name).join('、')}`);
    if (atFinal.length === 0) throw new ServiceError('guard_failed', '没有完成全部技术评审环节的申报');
    for (const app of atFinal) {
      if (!(await stageScoresComplete(db, app, profile))) throw new ServiceError('guard_failed', `${app.name}的专家评分尚未齐全`);
    }
    const today = shanghaiToday(tctx.now());
    await applyDecision(tctx, editionId, { kind: 'advancement', decidedOn: today, note: '报送技术评审结果', items: atFinal.map((a) => ({ applicationId: a.id, outcome: 'advance' })) });
    const report = await buildReport(db, editionId, await agencyName(db, agencyId), tctx.now());
    await db.insert(technicalReports).values({ editionId, content: report as unknown as Record<string, unknown>, submittedBy: ctx.actor!.userId, submittedAt: tctx.now() });
    await recordAudit(tctx, { action: 'technical.report', entityType: 'edition', entityId: editionId, after: { applications: atFinal.length } });
  });
  return getReport(ctx, editionId);
}
