import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { applications, decisionItems, decisions, editions, publicNoticeItems, publicNotices, surveys, winners } from '../../src/db/schema/index.js';
import type { ApplicationState } from '../../src/domain/lifecycle/states.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';

/**
 * The lists of the decision (Art. 2, 16–18): the candidate list within the profile's limit, the
 * committee's, the leadership's and the government's lists within the quotas — a list over
 * them is refused whole and nothing moves — the leadership's return, and the publication.
 */
describe.each(databaseKinds)('decision lists on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let leadership: Session;
  let government: Session;
  let editionId: string;
  let applicantId: string;
  let applicant: Session;
  let officeUserId: string;
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    t.tolerateBroken('lifecycle.history-chain', 'list decisions move applications from the state the fixture seeded, not from draft');
    for (const role of ['office', 'leadership', 'government'] as const) await t.createUser(`l_${role}`, [role]);
    [office, leadership, government] = await Promise.all(['office', 'leadership', 'government'].map((r) => t.login(`l_${r}`)));
    officeUserId = office.userId;
    editionId = await openEdition(t, office);
    applicant = await registerApplicant(t, 'unit', creditCode(600), '名单测试有限公司', 'lister');
    applicantId = applicant.userId;
  });
  afterAll(() => t.close());

  async function applicationsIn(state: ApplicationState, n: number): Promise<string[]> {
    const form = await completeUnitForm(t);
    const county = await organisationId(t, 'county', '兰山区');
    const rows = await t.database.db
      .insert(applications)
      .values(Array.from({ length: n }, () => ({ editionId, kind: 'unit' as const, applicantUserId: applicantId, countyId: county, identityCode: creditCode(900 + ++serial), name: `评定申报${serial}`, state, form })))
      .returning({ id: applications.id });
    return rows.map((r) => r.id);
  }
  const statesOf = async (ids: string[]) => new Set((await t.database.db.select().from(applications).where(inArray(applications.id, ids))).map((r) => r.state));
  const decide = (who: Session, body: Record<string, unknown>) => who.send('POST', `/api/editions/${editionId}/decisions`, { decidedOn: '2026-11-30', ...body });
  const closedSurveys = (ids: string[]) =>
    t.database.db.insert(surveys).values(ids.map((applicationId) => ({ editionId, applicationId, opensOn: '2026-11-01', closesOn: '2026-11-10', questions: {}, closedAt: new Date(), score: 90, createdBy: officeUserId })));

  it('refuses a candidate list over the profile limit whole, and takes one within it [Art.16]', async () => {
    const ids = await applicationsIn('satisfaction_survey', 11);
    await closedSurveys(ids);
    const over = await decide(office, { kind: 'candidate_list', items: ids.map((applicationId) => ({ applicationId, outcome: 'candidate' })) });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'quota_exceeded' });
    expect(over.json().message).toContain('至多 10 个');
    expect(await statesOf(ids)).toEqual(new Set(['satisfaction_survey']));
    const within = await decide(office, { kind: 'candidate_list', items: ids.map((applicationId, i) => ({ applicationId, outcome: i < 10 ? 'candidate' : 'not_selected' })) });
    expect(within.statusCode).toBe(201);
    expect(await statesOf(ids.slice(0, 10))).toEqual(new Set(['candidate']));
    expect(await statesOf(ids.slice(10))).toEqual(new Set(['not_selected']));
  });

  it('refuses a survey-less candidate: the guard waits for the satisfaction score [Art.16]', async () => {
    const [id] = await applicationsIn('satisfaction_survey', 1);
    const res = await decide(office, { kind: 'candidate_list', items: [{ applicationId: id, outcome: 'not_selected' }] });
    expect(res.json()).toMatchObject({ code: 'guard_failed' });
    expect(res.json().message).toContain('社会满意度测评尚未完成');
  });

  it('refuses a leadership list over the award quota (at most 5 units), names the category, and accepts one within [Art.2][Art.7]', async () => {
    const ids = await applicationsIn('proposed', 6);
    const over = await decide(leadership, { kind: 'leadership_approval', documentNumber: '临质强〔2026〕5号', items: ids.map((applicationId) => ({ applicationId, outcome: 'approved', category: 'award' })) });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'quota_exceeded' });
    expect(over.json().message).toContain('市长质量奖单位名额至多 5 家');
    expect(await statesOf(ids)).toEqual(new Set(['proposed']));
    const missing = await decide(leadership, { kind: 'leadership_approval', documentNumber: '临质强〔2026〕5号', items: [{ applicationId: ids[0], outcome: 'approved' }] });
    expect(missing.json().fields).toEqual([expect.objectContaining({ field: 'items.0.category' })]);
    const within = await decide(leadership, { kind: 'leadership_approval', documentNumber: '临质强〔2026〕5号', items: ids.map((applicationId, i) => ({ applicationId, outcome: 'approved', category: i < 5 ? 'award' : 'nomination' })) });
    expect(within.statusCode).toBe(201);
    expect(await statesOf(ids)).toEqual(new Set(['leadership_approved']));
    // The standing list counts: one more award on top of the five is over the quota.
    const [extra] = await applicationsIn('proposed', 1);
    const again = await decide(leadership, { kind: 'leadership_approval', documentNumber: '临质强〔2026〕6号', items: [{ applicationId: extra, outcome: 'approved', category: 'award' }] });
    expect(again.json()).toMatchObject({ code: 'quota_exceeded' });
  });

  it('lets the leadership return the list to the committee with its reasons [Art.7][Art.16]', async () => {
    const ids = await applicationsIn('proposed', 2);
    const res = await decide(leadership, { kind: 'leadership_approval', documentNumber: '临质强〔2026〕7号', items: ids.map((applicationId) => ({ applicationId, outcome: 'returned', reason: '请评审委员会复核两项的满意度测评' })) });
    expect(res.statusCode).toBe(201);
    expect(await statesOf(ids)).toEqual(new Set(['candidate']));
  });

  it("refuses the government's list over the quota, then publishes the winners it approves, once [Art.2][Art.18]", async () => {
    const ids = await applicationsIn('public_notice', 7);
    const [notice] = await t.database.db.insert(publicNotices).values({ editionId, title: '拟获奖名单公示', body: '公示', startsOn: '2026-09-30', endsOn: '2026-10-12', contact: '0539-0000000', publishedBy: officeUserId }).returning();
    await t.database.db.insert(publicNoticeItems).values(ids.map((applicationId) => ({ noticeId: notice.id, applicationId, category: 'award' })));
    const body = (outcomes: string[]) => ({ kind: 'government_decision', documentNumber: '临政字〔2026〕12号', items: ids.map((applicationId, i) => ({ applicationId, outcome: outcomes[i] })) });
    const over = await decide(government, body(['award', 'award', 'award', 'award', 'award', 'award', 'nomination']));
    expect(over.json()).toMatchObject({ code: 'quota_exceeded' });
    expect(await statesOf(ids)).toEqual(new Set(['public_notice']));
    const ok = await decide(government, body(['award', 'award', 'award', 'nomination', 'nomination', 'none', 'none']));
    expect(ok.statusCode).toBe(201);

    const published = await office.send('POST', `/api/decision/editions/${editionId}/publish`, {});
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ awarded: 3, nominated: 2 });
    expect([...(await statesOf(ids))].sort()).toEqual(['awarded', 'nominated', 'not_awarded']);
    const rows = await t.database.db.select().from(winners).where(inArray(winners.applicationId, ids));
    expect(rows.map((w) => w.category).sort()).toEqual(['award', 'award', 'award', 'nomination', 'nomination']);
    expect(rows.every((w) => w.prizeType !== null && w.revokedAt === null)).toBe(true);
    const [edition] = await t.database.db.select().from(editions).where(eq(editions.id, editionId));
    expect(edition.resultsPublishedAt).not.toBeNull();
    const twice = await office.send('POST', `/api/decision/editions/${editionId}/publish`, {});
    expect(twice.json()).toMatchObject({ code: 'wrong_stage' });
    expect((await t.database.db.select().from(winners).where(inArray(winners.applicationId, ids))).length).toBe(5);
  });

  it('shows the composite with its missing parts named, and never to the applicant', async () => {
    const [id] = await applicationsIn('satisfaction_survey', 1);
    await closedSurveys([id]);
    const res = await office.get(`/api/decision/editions/${editionId}/composite`);
    expect(res.statusCode).toBe(200);
    const row = res.json().rows.find((r: { applicationId: string }) => r.applicationId === id);
    expect(row).toMatchObject({ satisfaction: 90, composite: null, missing: ['材料评审得分', '现场评审和陈述答辩得分'] });
    expect((await applicant.get(`/api/decision/editions/${editionId}/composite`)).statusCode).toBe(403);
    // The decision rows exist only for the recorded decisions.
    const kinds = (await t.database.db.select({ kind: decisions.kind }).from(decisions).innerJoin(decisionItems, eq(decisionItems.decisionId, decisions.id)).where(eq(decisionItems.applicationId, id))).map((d) => d.kind);
    expect(kinds).toEqual([]);
  });
});
