import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { surveyCodes, surveyResponses, surveys } from '../../db/schema/index.js';
import { RESPONDENT_GROUPS, type RespondentGroup } from '../../domain/profile/decision-settings.js';
import { answerPoints, candidateScore, type GroupWeights } from '../../domain/survey/score.js';

/** Per survey and group: codes issued, responses, and the sum and count of their answers. */
export interface GroupTally {
  issued: number;
  responses: number;
  answerSum: number;
  answerCount: number;
}
export type SurveyTallies = Map<string, Record<RespondentGroup, GroupTally>>;

const emptyTallies = (): Record<RespondentGroup, GroupTally> =>
  Object.fromEntries(RESPONDENT_GROUPS.map((g) => [g, { issued: 0, responses: 0, answerSum: 0, answerCount: 0 }])) as Record<RespondentGroup, GroupTally>;

/** The tallies of the given surveys, counted in the database (a survey may hold thousands of responses). */
export async function surveyTallies(db: DbOrTx, surveyIds: string[]): Promise<SurveyTallies> {
  const result: SurveyTallies = new Map(surveyIds.map((id) => [id, emptyTallies()]));
  if (surveyIds.length === 0) return result;
  const issued = await db
    .select({ surveyId: surveyCodes.surveyId, group: surveyCodes.respondentGroup, n: sql<number>`count(*)::int` })
    .from(surveyCodes)
    .where(inArray(surveyCodes.surveyId, surveyIds))
    .groupBy(surveyCodes.surveyId, surveyCodes.respondentGroup);
  const responses = await db
    .select({ surveyId: surveyResponses.surveyId, group: surveyResponses.respondentGroup, n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(inArray(surveyResponses.surveyId, surveyIds))
    .groupBy(surveyResponses.surveyId, surveyResponses.respondentGroup);
  const answers = await db
    .select({
      surveyId: surveyResponses.surveyId,
      group: surveyResponses.respondentGroup,
      sum: sql<string>`coalesce(sum(a.value::numeric), 0)::text`,
      n: sql<number>`count(a.value)::int`,
    })
    .from(surveyResponses)
    .innerJoin(sql`jsonb_array_elements_text(${surveyResponses.answers}) AS a(value)`, sql`true`)
    .where(inArray(surveyResponses.surveyId, surveyIds))
    .groupBy(surveyResponses.surveyId, surveyResponses.respondentGroup);
  const at = (surveyId: string, group: string) => result.get(surveyId)?.[group as RespondentGroup];
  for (const r of issued) if (at(r.surveyId, r.group)) at(r.surveyId, r.group)!.issued = Number(r.n);
  for (const r of responses) if (at(r.surveyId, r.group)) at(r.surveyId, r.group)!.responses = Number(r.n);
  for (const r of answers) {
    const t = at(r.surveyId, r.group);
    if (t) Object.assign(t, { answerSum: Number(r.sum), answerCount: Number(r.n) });
  }
  return result;
}

/**
 * A group's score from its tally: the mapping 1..scale → 0..100 is linear, so the mean of the
 * mapped answers (domain/survey/score.ts groupScore) is the mapped mean answer.
 */
export function tallyScore(tally: GroupTally, scale: number): number | null {
  return tally.answerCount === 0 ? null : answerPoints(tally.answerSum / tally.answerCount, scale);
}

/** The candidate's score from the groups' tallies (weights re-normalised over the groups with responses). */
export function talliedScore(tallies: Record<RespondentGroup, GroupTally>, scale: number, weights: GroupWeights): number | null {
  return candidateScore(Object.fromEntries(RESPONDENT_GROUPS.map((g) => [g, tallyScore(tallies[g], scale)])), weights);
}

/**
 * The closed surveys' scores of an edition (applicationId → score, 0–100), for the composite:
 * a survey still open is listed with null, an application without a survey is absent.
 */
export async function satisfactionScores(db: DbOrTx, editionId: string): Promise<Map<string, number | null>> {
  const rows = await db.select({ applicationId: surveys.applicationId, closedAt: surveys.closedAt, score: surveys.score }).from(surveys).where(eq(surveys.editionId, editionId));
  return new Map(rows.map((r) => [r.applicationId, r.closedAt ? r.score : null]));
}
