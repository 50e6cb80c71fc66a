import { and, eq, inArray } from 'drizzle-orm';
import type { SurveyOpenRequest } from '../../contract/survey.js';
import { applications, surveys } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { decisionSettings } from '../../domain/profile/decision-settings.js';
import { loadVisibleApplication } from '../applications/access.js';
import { performAction } from '../applications/engine.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { invalid, notFound, ServiceError } from '../errors.js';
import { loadEdition } from '../technical/actors.js';
import { surveyTallies, talliedScore } from './scores.js';
import { requireRole } from '../require-role.js';

export type SurveyRecord = typeof surveys.$inferSelect;

/** The survey is the office's to run (Art. 16: the office organises the satisfaction survey). */
export function requireOffice(ctx: Pick<ServiceContext, 'actor'>): string {
  return requireRole(ctx, 'office', '只有强市办可以组织社会满意度测评');
}

/** A survey of the edition, or a 404; inside a transaction the row is locked. */
export async function loadSurvey(tctx: TxContext, editionId: string, surveyId: string): Promise<SurveyRecord> {
  const [row] = await tctx.tx.select().from(surveys).where(and(eq(surveys.id, surveyId), eq(surveys.editionId, editionId))).for('update');
  if (!row) throw notFound('测评');
  return row;
}

/**
 * Opens a survey for each chosen application (default: every one whose technical review is
 * done), with the profile's questions as they are today, and moves each application into the
 * survey through the engine's own step — all in one transaction, or nothing.
 */
export async function openSurveys(ctx: ServiceContext, editionId: string, input: SurveyOpenRequest): Promise<{ opened: number }> {
  const userId = requireOffice(ctx);
  const { profile } = await loadEdition(ctx.db, editionId);
  if (input.closesOn < shanghaiToday(ctx.now())) throw invalid([{ field: 'closesOn', message: '结束日期不能早于今天' }]);
  const questions = decisionSettings(profile).survey.questions;
  return inTransaction(ctx, async (tctx) => {
    const where = input.applicationIds
      ? and(eq(applications.editionId, editionId), inArray(applications.id, input.applicationIds))
      : and(eq(applications.editionId, editionId), eq(applications.state, 'technical_reviewed'));
    const rows = await tctx.tx.select({ id: applications.id, state: applications.state, name: applications.name }).from(applications).where(where);
    if (input.applicationIds) {
      const problems = input.applicationIds.flatMap((id, i) => {
        const row = rows.find((r) => r.id === id);
        if (!row) return [{ field: `applicationIds.${i}`, message: '本届次中没有该申报' }];
        return row.state === 'technical_reviewed' ? [] : [{ field: `applicationIds.${i}`, message: `${row.name}尚未完成技术评审或已开展测评` }];
      });
      if (problems.length) throw invalid(problems);
    }
    if (rows.length === 0) throw invalid([{ field: 'applicationIds', message: '没有已完成技术评审、待开展满意度测评的申报' }]);
    for (const app of rows) {
      const { row } = await loadVisibleApplication(tctx, app.id, { forUpdate: true });
      await performAction(tctx, row, 'startSurvey', {}, 'actor');
      const [survey] = await tctx.tx
        .insert(surveys)
        .values({ editionId, applicationId: app.id, opensOn: input.opensOn, closesOn: input.closesOn, questions, createdBy: userId })
        .returning({ id: surveys.id });
      await recordAudit(tctx, { action: 'survey.open', entityType: 'application', entityId: app.id, after: { survey: survey.id, opensOn: input.opensOn, closesOn: input.closesOn } });
    }
    return { opened: rows.length };
  });
}

/**
 * Closes a survey and fixes its score from the responses received (weights re-normalised over
 * the groups that answered); from then the candidate-list decision may be taken (guard
 * surveyComplete). A survey nobody answered cannot be closed: its score would be empty.
 */
export async function closeSurvey(ctx: ServiceContext, editionId: string, surveyId: string): Promise<{ score: number }> {
  requireOffice(ctx);
  const { profile } = await loadEdition(ctx.db, editionId);
  const settings = decisionSettings(profile).survey;
  return inTransaction(ctx, async (tctx) => {
    const survey = await loadSurvey(tctx, editionId, surveyId);
    if (survey.closedAt) throw new ServiceError('wrong_stage', '该测评已结束');
    const tallies = (await surveyTallies(tctx.tx, [survey.id])).get(survey.id)!;
    const score = talliedScore(tallies, settings.scale, settings.groupWeights);
    if (score === null) throw invalid([{ field: 'surveyId', message: '尚未收到任何答卷，不能结束测评' }]);
    await tctx.tx.update(surveys).set({ closedAt: tctx.now(), score }).where(eq(surveys.id, survey.id));
    const responses = Object.fromEntries(Object.entries(tallies).map(([g, t]) => [g, t.responses]));
    await recordAudit(tctx, { action: 'survey.close', entityType: 'application', entityId: survey.applicationId, after: { survey: survey.id, score, responses } });
    return { score };
  });
}
