import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, inArray } from 'drizzle-orm';
import { applications, auditLog, rateLimits, surveyCodes, surveyResponses, surveys } from '../../src/db/schema/index.js';
import { normaliseCode } from '../../src/domain/survey/codes.js';
import { surveyScore } from '../../src/domain/survey/score.js';
import { loadEdition } from '../../src/services/technical/actors.js';
import { decisionSettings, type RespondentGroup } from '../../src/domain/profile/decision-settings.js';
import { satisfactionScores } from '../../src/services/survey/scores.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';

/**
 * The satisfaction survey through HTTP (Art. 16): the office opens it, issues codes per group,
 * respondents answer once per code inside the period, the office closes it with its score, and
 * the candidate list may then be decided.
 */
describe.each(databaseKinds)('satisfaction survey on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let agency: Session;
  let editionId: string;
  let appIds: string[];
  const answered: Record<RespondentGroup, number[][]> = { customer: [], employee: [], public: [] };
  const codes: Partial<Record<RespondentGroup, string[]>> = {};
  let surveyId: string;

  const base = () => `/api/decision/editions/${editionId}/surveys`;
  const publicGet = (code: string) => t.app.inject({ method: 'GET', url: `/api/public/survey/${encodeURIComponent(code)}` });
  const publicPost = (code: string, body: unknown) => t.app.inject({ method: 'POST', url: `/api/public/survey/${encodeURIComponent(code)}`, payload: body as object });
  const overview = async () => (await office.get(base())).json();

  async function issue(group: RespondentGroup, count: number, id = surveyId): Promise<string[]> {
    const res = await office.send('POST', `${base()}/${id}/codes`, { group, count });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['候选对象', '测评群体', '测评码', '答题链接']);
    const rows: string[][] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push((row.values as string[]).slice(1)));
    expect(rows).toHaveLength(count);
    for (const [, , code, link] of rows) expect(link).toBe(`/survey?code=${code}`);
    return rows.map((r) => r[2]);
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.history-chain', 'survey steps move applications from the state the fixture seeded, not from draft');
    await t.createUser('sv_office', ['office']);
    await t.createUser('sv_agency', ['committee']);
    office = await t.login('sv_office');
    agency = await t.login('sv_agency');
    editionId = await openEdition(t, office);
    const applicant = (await registerApplicant(t, 'unit', creditCode(600), '测评申报有限公司', 'sv_applicant')).userId;
    const county = await organisationId(t, 'county', '兰山区');
    const form = await completeUnitForm(t);
    const rows = await t.database.db
      .insert(applications)
      .values(Array.from({ length: 3 }, (_, i) => ({ editionId, kind: 'unit' as const, applicantUserId: applicant, countyId: county, identityCode: creditCode(610 + i), name: `测评候选${i + 1}有限公司`, state: 'technical_reviewed' as const, form })))
      .returning({ id: applications.id });
    appIds = rows.map((r) => r.id);
  });
  afterAll(() => t.close());

  it('opens surveys for the chosen applications and moves them into the survey; dates are checked [Art.16]', async () => {
    expect((await office.send('POST', base(), { opensOn: '2026-12-10', closesOn: '2026-12-01' })).json().fields[0].field).toBe('closesOn');
    expect((await agency.send('POST', base(), { opensOn: '2026-11-30', closesOn: '2026-12-10' })).statusCode).toBe(403);
    const res = await office.send('POST', base(), { applicationIds: [appIds[0], appIds[1]], opensOn: '2026-11-30', closesOn: '2026-12-10' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().opened).toBe(2);
    const again = await office.send('POST', base(), { applicationIds: [appIds[0]], opensOn: '2026-11-30', closesOn: '2026-12-10' });
    expect(again.statusCode).toBe(422);
    // The rest (here the third) opens later, its period not yet begun.
    expect((await office.send('POST', base(), { opensOn: '2026-12-05', closesOn: '2026-12-20' })).json().opened).toBe(1);
    const states = await t.database.db.select({ state: applications.state }).from(applications).where(inArray(applications.id, appIds));
    expect(states.map((s) => s.state)).toEqual(['satisfaction_survey', 'satisfaction_survey', 'satisfaction_survey']);
    const view = await overview();
    expect(view.eligible).toEqual([]);
    expect(view.items.map((i: { status: string }) => i.status).sort()).toEqual(['open', 'open', 'pending']);
    surveyId = view.items.find((i: { applicationId: string }) => i.applicationId === appIds[0]).surveyId;
  });

  it('issues codes per group as a spreadsheet and keeps only their hashes', async () => {
    codes.customer = await issue('customer', 30);
    codes.employee = await issue('employee', 4);
    expect(new Set(codes.customer).size).toBe(30);
    const tooMany = await office.send('POST', `${base()}/${surveyId}/codes`, { group: 'public', count: 2001 });
    expect(tooMany.statusCode).toBe(422);
    const stored = await t.database.db.select().from(surveyCodes).where(eq(surveyCodes.surveyId, surveyId));
    expect(stored).toHaveLength(34);
    // Neither the stored codes nor the audit log hold a code in plain.
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'survey.codes'));
    expect(audit.map((a) => (a.after as { count: number }).count)).toEqual([30, 4]);
    const text = JSON.stringify([stored, audit]);
    for (const code of [...codes.customer, ...codes.employee]) {
      expect(text).not.toContain(normaliseCode(code));
      expect(text).not.toContain(code);
    }
    const row = (await overview()).items.find((i: { surveyId: string }) => i.surveyId === surveyId);
    expect(row.groups.map((g: { issued: number }) => g.issued)).toEqual([30, 4, 0]);
  });

  it('lets a respondent answer once: the questionnaire, a typed code, a used code refused', async () => {
    const code = codes.customer![0];
    const typed = code.toLowerCase().replace('-', ' ');
    const q = await publicGet(typed);
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json()).toMatchObject({ candidateName: '测评候选1有限公司', group: 'customer', groupLabel: '顾客', scale: 5 });
    expect(q.json().scaleLabels[0]).toBe('非常不满意');
    const n = q.json().questions.length;
    expect(n).toBeGreaterThan(0);
    const short = await publicPost(code, { answers: [5] });
    expect(short.statusCode).toBe(422);
    const outOfScale = await publicPost(code, { answers: Array(n).fill(6) });
    expect(outOfScale.json().fields[0].field).toBe('answers.0');
    const long = await publicPost(code, { answers: Array(n).fill(4), comment: '好'.repeat(501) });
    expect(long.statusCode).toBe(422);
    const sheet = Array.from({ length: n }, (_, i) => (i % 5) + 1);
    const ok = await publicPost(typed, { answers: sheet, comment: '服务很好' });
    expect(ok.statusCode, ok.body).toBe(200);
    answered.customer.push(sheet);
    for (const res of [await publicGet(code), await publicPost(code, { answers: sheet })]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('survey_code_used');
    }
    expect((await t.database.db.select().from(surveyCodes).where(eq(surveyCodes.surveyId, surveyId))).filter((c) => c.usedAt).length).toBe(1);
  });

  it('refuses an unknown or malformed code', async () => {
    for (const code of ['00000-00000', 'not-a-code', 'ABCDE-FGHJU']) {
      const res = await publicGet(code);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('survey_code_invalid');
      expect((await publicPost(code, { answers: [1] })).json().code).toBe('survey_code_invalid');
    }
  });

  it('refuses answers outside the period (Asia/Shanghai days)', async () => {
    const [pendingSurvey] = await t.database.db.select().from(surveys).where(eq(surveys.applicationId, appIds[2]));
    const [early] = await issue('public', 1, pendingSurvey.id);
    expect((await publicGet(early)).json().code).toBe('survey_closed');
    const code = codes.customer![1];
    // 2026-12-10 23:30 in Shanghai is still the last day; half an hour later it is over.
    t.clock.set('2026-12-10T15:30:00Z');
    expect((await publicGet(code)).statusCode).toBe(200);
    t.clock.set('2026-12-10T16:00:00Z');
    const late = await publicPost(code, { answers: [3, 3, 3, 3, 3] });
    expect(late.json().code).toBe('survey_closed');
    t.clock.set('2026-11-30T02:00:00Z');
  });

  it('takes exactly one of 20 concurrent answers with the same code', async () => {
    const code = codes.customer![2];
    const n = (await publicGet(code)).json().questions.length;
    const sheet = Array(n).fill(4);
    const results = await Promise.all(Array.from({ length: 20 }, () => publicPost(code, { answers: sheet })));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    answered.customer.push(sheet);
    const responses = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
    expect(responses).toHaveLength(2);
  });

  it('limits code lookups per address', async () => {
    await t.database.db.insert(rateLimits).values({ key: 'survey-code:127.0.0.1', windowStart: t.clock.now(), hits: 600 }).onConflictDoUpdate({ target: rateLimits.key, set: { hits: 600, windowStart: t.clock.now() } });
    const res = await publicGet(codes.customer![3]);
    expect(res.statusCode).toBe(429);
    await t.database.db.delete(rateLimits).where(eq(rateLimits.key, 'survey-code:127.0.0.1'));
    expect((await publicGet(codes.customer![3])).statusCode).toBe(200);
  });

  it('closes the survey with the score of the domain rule; the candidate list may then be decided [Art.16]', async () => {
    for (const [i, code] of codes.employee!.slice(0, 3).entries()) {
      const n = (await publicGet(code)).json().questions.length;
      const sheet = Array(n).fill(i + 2);
      expect((await publicPost(code, { answers: sheet })).statusCode).toBe(200);
      answered.employee.push(sheet);
    }
    const decide = () => office.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'candidate_list', decidedOn: '2026-11-30', items: [{ applicationId: appIds[0], outcome: 'candidate' }] });
    const early = await decide();
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json().code).toBe('guard_failed');
    const { profile } = await loadEdition(t.database.db, editionId);
    const settings = decisionSettings(profile).survey;
    const expected = surveyScore(answered, settings.scale, settings.groupWeights)!;
    const view = (await overview()).items.find((i: { surveyId: string }) => i.surveyId === surveyId);
    expect(view.score).toBeCloseTo(expected, 9);
    expect(view.groups[0]).toMatchObject({ group: 'customer', issued: 30, responses: 2, rate: 2 / 30, thin: true });
    expect(view.groups[1]).toMatchObject({ group: 'employee', issued: 4, responses: 3, rate: 0.75 });
    expect(view.groups[2]).toMatchObject({ group: 'public', issued: 0, responses: 0, rate: null, score: null });

    expect((await agency.send('POST', `${base()}/${surveyId}/close`)).statusCode).toBe(403);
    const closed = await office.send('POST', `${base()}/${surveyId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().score).toBeCloseTo(expected, 9);
    expect((await office.send('POST', `${base()}/${surveyId}/close`)).statusCode).toBe(409);
    expect((await publicGet(codes.customer![5])).json().code).toBe('survey_closed');
    expect((await office.send('POST', `${base()}/${surveyId}/codes`, { group: 'public', count: 5 })).statusCode).toBe(409);

    const scores = await satisfactionScores(t.database.db, editionId);
    expect(scores.get(appIds[0])).toBeCloseTo(expected, 9);
    expect(scores.get(appIds[1])).toBeNull();

    const decided = await decide();
    expect(decided.statusCode, decided.body).toBe(201);
    const [app] = await t.database.db.select({ state: applications.state }).from(applications).where(eq(applications.id, appIds[0]));
    expect(app.state).toBe('candidate');
  });

  it('refuses to close a survey nobody answered', async () => {
    const other = (await overview()).items.find((i: { applicationId: string }) => i.applicationId === appIds[1]);
    const res = await office.send('POST', `${base()}/${other.surveyId}/close`);
    expect(res.statusCode).toBe(422);
  });
});
