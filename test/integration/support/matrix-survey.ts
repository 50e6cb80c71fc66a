import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { applications, surveyCodes, surveyResponses, surveys } from '../../../src/db/schema/index.js';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import { DEFAULT_DECISION_SETTINGS } from '../../../src/domain/profile/decision-settings.js';
import { codeFromBytes, normaliseCode } from '../../../src/domain/survey/codes.js';
import { codeHash } from '../../../src/services/survey/codes.js';
import type { TestApp } from './app.js';

/**
 * The satisfaction survey's rows of the authorization matrix: the office manages (everyone else
 * 403, the public 401); the questionnaire is public, each case with a fresh one-time code.
 */
interface Fx {
  t: TestApp;
  editionId: string;
  officeUserId: string;
  app(values: { state: ApplicationState }): Promise<string>;
}

type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome) => unknown;
type Rule = (otherwise: Outcome, named: Record<string, Outcome>, anonymous?: Outcome) => unknown;

/** A fresh candidate in the survey, open today, with one customer code (returned in plain) and optionally one response. */
async function surveyFixture(fx: Fx, answered = false): Promise<{ surveyId: string; code: string }> {
  const db = fx.t.database.db;
  const applicationId = await fx.app({ state: 'satisfaction_survey' });
  const [survey] = await db
    .insert(surveys)
    .values({ editionId: fx.editionId, applicationId, opensOn: '2026-11-01', closesOn: '2026-12-31', questions: DEFAULT_DECISION_SETTINGS.survey.questions, createdBy: fx.officeUserId })
    .returning();
  const code = codeFromBytes(randomBytes(10));
  const [row] = await db.insert(surveyCodes).values({ surveyId: survey.id, respondentGroup: 'customer', batch: 1, codeHash: codeHash(normaliseCode(code)!) }).returning();
  if (answered) await db.insert(surveyResponses).values({ surveyId: survey.id, codeId: row.id, respondentGroup: 'customer', answers: [5, 4, 4, 5, 3] });
  return { surveyId: survey.id, code };
}

const surveyRow = (fx: Fx, id: string) => async () => (await fx.t.database.db.select().from(surveys).where(eq(surveys.id, id)))[0];
const codeCount = (fx: Fx, id: string) => async () => (await fx.t.database.db.select().from(surveyCodes).where(eq(surveyCodes.surveyId, id))).length;
const appRow = (fx: Fx, id: string) => async () => (await fx.t.database.db.select().from(applications).where(eq(applications.id, id)))[0];

/** Rows keyed as the matrix keys them. `only`/`rule` are the matrix's own expectation builders. */
export function surveyMatrix(only: Only, rule: Rule) {
  const office = only(['office'] as never[], 'ok', 'forbidden');
  const everyone = rule('ok', {}, 'ok');
  const e = (fx: Fx) => `/api/decision/editions/${fx.editionId}/surveys`;
  const answers = DEFAULT_DECISION_SETTINGS.survey.questions.customer.map(() => 4);
  return {
    'GET /api/decision/editions/:id/surveys': { expect: office, request: async (fx: Fx) => ({ url: e(fx) }) },
    'POST /api/decision/editions/:id/surveys': {
      expect: office,
      request: async (fx: Fx) => {
        const id = await fx.app({ state: 'technical_reviewed' });
        return { url: e(fx), body: { applicationIds: [id], opensOn: '2026-11-30', closesOn: '2026-12-31' }, watch: appRow(fx, id) };
      },
    },
    'POST /api/decision/editions/:id/surveys/:surveyId/codes': {
      expect: office,
      request: async (fx: Fx) => {
        const { surveyId } = await surveyFixture(fx);
        return { url: `${e(fx)}/${surveyId}/codes`, body: { group: 'employee', count: 3 }, watch: codeCount(fx, surveyId) };
      },
    },
    'POST /api/decision/editions/:id/surveys/:surveyId/close': {
      expect: office,
      request: async (fx: Fx) => {
        const { surveyId } = await surveyFixture(fx, true);
        return { url: `${e(fx)}/${surveyId}/close`, watch: surveyRow(fx, surveyId) };
      },
    },
    'GET /api/public/survey/:code': { expect: everyone, request: async (fx: Fx) => ({ url: `/api/public/survey/${(await surveyFixture(fx)).code}` }) },
    'POST /api/public/survey/:code': { expect: everyone, request: async (fx: Fx) => ({ url: `/api/public/survey/${(await surveyFixture(fx)).code}`, body: { answers } }) },
  };
}
