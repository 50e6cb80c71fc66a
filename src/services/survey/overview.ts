import { and, asc, eq } from 'drizzle-orm';
import type { SurveyOverview, SurveyStatus } from '../../contract/survey.js';
import { applications, surveys } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { stateLabel } from '../../domain/lifecycle/states.js';
import { decisionSettings, RESPONDENT_GROUP_LABELS, RESPONDENT_GROUPS } from '../../domain/profile/decision-settings.js';
import { responseRate } from '../../domain/survey/score.js';
import type { ServiceContext } from '../context.js';
import { loadEdition } from '../technical/actors.js';
import { requireOffice } from './office.js';
import { surveyTallies, talliedScore, tallyScore } from './scores.js';

/** Where an edition's surveys stand, per candidate and group: codes issued, responses, rates, scores. */
export async function surveyOverview(ctx: ServiceContext, editionId: string): Promise<SurveyOverview> {
  requireOffice(ctx);
  const { edition, profile } = await loadEdition(ctx.db, editionId);
  const settings = decisionSettings(profile).survey;
  const rows = await ctx.db
    .select({ survey: surveys, name: applications.name, state: applications.state })
    .from(surveys)
    .innerJoin(applications, eq(applications.id, surveys.applicationId))
    .where(eq(surveys.editionId, editionId))
    .orderBy(asc(applications.name));
  const eligible = await ctx.db
    .select({ applicationId: applications.id, name: applications.name })
    .from(applications)
    .where(and(eq(applications.editionId, editionId), eq(applications.state, 'technical_reviewed')))
    .orderBy(asc(applications.name));
  const tallies = await surveyTallies(ctx.db, rows.map((r) => r.survey.id));
  const today = shanghaiToday(ctx.now());
  const statusOf = (s: typeof surveys.$inferSelect): SurveyStatus => (s.closedAt ? 'closed' : today < s.opensOn ? 'pending' : today > s.closesOn ? 'ended' : 'open');
  return {
    editionId,
    editionName: edition.name,
    scale: settings.scale,
    minResponsesPerGroup: settings.minResponsesPerGroup,
    eligible,
    items: rows.map(({ survey, name, state }) => {
      const t = tallies.get(survey.id)!;
      return {
        surveyId: survey.id,
        applicationId: survey.applicationId,
        name,
        applicationState: stateLabel(state),
        opensOn: survey.opensOn,
        closesOn: survey.closesOn,
        status: statusOf(survey),
        closedAt: survey.closedAt?.toISOString() ?? null,
        score: survey.closedAt ? survey.score : talliedScore(t, settings.scale, settings.groupWeights),
        groups: RESPONDENT_GROUPS.map((group) => ({
          group,
          label: RESPONDENT_GROUP_LABELS[group],
          weight: settings.groupWeights[group],
          issued: t[group].issued,
          responses: t[group].responses,
          rate: responseRate(t[group].responses, t[group].issued),
          score: tallyScore(t[group], settings.scale),
          thin: t[group].responses < settings.minResponsesPerGroup,
        })),
      };
    }),
  };
}
