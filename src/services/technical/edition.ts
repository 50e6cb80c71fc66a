import { and, count, eq, isNull } from 'drizzle-orm';
import type { TechnicalOverview } from '../../contract/technical.js';
import { applications, expertCommitments, experts, panelAssignments, scorebooks, stageSchedules, technicalReports } from '../../db/schema/index.js';
import { calendarError, loadWorkingCalendar } from '../calendar.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { STAGE_LABELS, STAGE_STATES, stateLabel } from '../../domain/lifecycle/states.js';
import type { TechnicalStage } from '../../domain/profile/schema.js';
import { loadVisibleApplication } from '../applications/access.js';
import { performAction } from '../applications/engine.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { loadEdition, requireAgency } from './actors.js';
import { technicalApplications } from './conflicts.js';
import { panelView } from './panels.js';

/** The technical review of an edition as the agency runs it: where each stage stands, the start, the schedules. */

export async function technicalOverview(ctx: ServiceContext, editionId: string): Promise<TechnicalOverview> {
  const agencyId = requireAgency(ctx);
  const { edition, profile } = await loadEdition(ctx.db, editionId);
  const states = await ctx.db.select({ state: applications.state, n: count() }).from(applications).where(eq(applications.editionId, editionId)).groupBy(applications.state);
  const inState = (s: string) => Number(states.find((r) => r.state === s)?.n ?? 0);
  const panels = await ctx.db.select({ stage: panelAssignments.stage, applicationId: panelAssignments.applicationId }).from(panelAssignments).where(eq(panelAssignments.editionId, editionId));
  const books = await ctx.db
    .select({ stage: scorebooks.stage, applicationId: scorebooks.applicationId })
    .from(scorebooks)
    .where(and(eq(scorebooks.editionId, editionId), eq(scorebooks.kind, 'independent'), eq(scorebooks.status, 'submitted'), isNull(scorebooks.setAsideAt)));
  const pool = await ctx.db.select({ id: experts.id, available: experts.available }).from(experts).where(eq(experts.agencyId, agencyId));
  const committed = await ctx.db.select({ id: expertCommitments.expertId }).from(expertCommitments).where(eq(expertCommitments.editionId, editionId));
  const [report] = await ctx.db.select({ at: technicalReports.submittedAt }).from(technicalReports).where(eq(technicalReports.editionId, editionId));
  return {
    editionId,
    editionName: edition.name,
    stages: profile.technicalStages.map((stage) => ({
      stage,
      label: STAGE_LABELS[stage],
      state: stateLabel(STAGE_STATES[stage]),
      applications: inState(STAGE_STATES[stage]),
      assigned: new Set(panels.filter((p) => p.stage === stage).map((p) => p.applicationId)).size,
      scored: new Set(books.filter((b) => b.stage === stage).map((b) => b.applicationId)).size,
    })),
    qualified: inState('qualified'),
    reviewed: inState('technical_reviewed'),
    notAdvanced: inState('not_advanced'),
    pool: { experts: pool.length, available: pool.filter((e) => e.available).length, committed: committed.length },
    reportSubmittedAt: report?.at.toISOString() ?? null,
  };
}

/** Starts the technical review of every qualified application, each through the engine's own step. */
export async function startTechnicalReview(ctx: ServiceContext, editionId: string): Promise<TechnicalOverview> {
  requireAgency(ctx);
  const qualified = await technicalApplications(ctx.db, editionId, ['qualified']);
  if (qualified.length === 0) throw invalid([{ field: 'editionId', message: '没有资格审查通过、待开始技术评审的申报' }]);
  // One transaction: the whole edition starts, or none of it (each move still passes the engine).
  await inTransaction(ctx, async (tctx) => {
    for (const app of qualified) {
      const { row } = await loadVisibleApplication(tctx, app.id, { forUpdate: true });
      await performAction(tctx, row, 'startTechnicalReview', {});
    }
  });
  return technicalOverview(ctx, editionId);
}

/** Schedules an on-site review or a defence on a working day (the State Council's calendar, make-up days included). */
export async function setSchedule(ctx: ServiceContext, editionId: string, stage: TechnicalStage, applicationId: string, input: { scheduledOn: string; location: string; agenda: string }) {
  requireAgency(ctx);
  if (stage === 'material') throw invalid([{ field: 'stage', message: '材料评审无需安排日程' }]);
  return inTransaction(ctx, async (tctx) => {
    const [app] = await tctx.tx.select({ id: applications.id, state: applications.state }).from(applications).where(and(eq(applications.id, applicationId), eq(applications.editionId, editionId)));
    if (!app || app.state !== STAGE_STATES[stage]) throw notFound('申报');
    const calendar = await loadWorkingCalendar(tctx.tx);
    let working = false;
    try {
      working = calendar.isWorkingDay(input.scheduledOn);
    } catch (error) {
      calendarError(error, 'scheduledOn');
    }
    if (!working) throw invalid([{ field: 'scheduledOn', message: `${input.scheduledOn}不是工作日` }]);
    if (input.scheduledOn < shanghaiToday(tctx.now())) throw invalid([{ field: 'scheduledOn', message: '日期不能早于今天' }]);
    await tctx.tx
      .insert(stageSchedules)
      .values({ applicationId, stage, ...input, updatedBy: ctx.actor!.userId, updatedAt: tctx.now() })
      .onConflictDoUpdate({ target: [stageSchedules.applicationId, stageSchedules.stage], set: { ...input, updatedBy: ctx.actor!.userId, updatedAt: tctx.now() } });
    await recordAudit(tctx, { action: 'schedule.set', entityType: 'application', entityId: applicationId, after: { stage, ...input } });
    return panelView(tctx, tctx.tx, editionId, stage);
  });
}
