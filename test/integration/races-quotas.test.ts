import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import { applicationHistory, countyOpinions, decisions, editions, surveys } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import type { Session, TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { creditCode, openEdition, registerApplicant } from './support/intake.js';
import { allExplained, applicationsAt, atOnce, auditsOf, RACERS, refusals, startRaceApp, statesOf, statuses } from './support/races.js';

/**
 * Quota-bound decisions raced (issue 14, races): 100 requests at once, each taking one place of
 * a quota with room for a few. Each request alone is within the quota; together they are not.
 * Exactly the quota's number succeed, whatever the order, and nothing of a refused one stays.
 * The lock that makes it so: services/applications/quota-locks.ts.
 */
describe.each(databaseKinds)('quota-bound decisions 100 at once on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let leadership: Session;
  let county: Session;
  let editionId: string;
  let applicantId: string;

  beforeAll(async () => {
    t = await startRaceApp(kind);
    await t.createUser('rq_office', ['office']);
    await t.createUser('rq_leadership', ['leadership']);
    await t.createUser('rq_county', ['county'], await organisationId(t, 'county', '兰山区'));
    [office, leadership, county] = await Promise.all(['rq_office', 'rq_leadership', 'rq_county'].map((u) => t.login(u)));
    editionId = await openEdition(t, office);
    applicantId = (await registerApplicant(t, 'unit', creditCode(4100), '名额竞态有限公司', 'rq_applicant')).userId;
  });
  afterAll(() => t.close());

  let serial = 0;
  /** An edition of its own per case: what one case leaves standing must not count in another's quota. */
  async function freshEdition(profileId?: string): Promise<string> {
    const [current] = await t.database.db.select().from(editions).where(eq(editions.id, editionId));
    const [row] = await t.database.db
      .insert(editions)
      .values({ award: `races-quota-${++serial}`, profileId: profileId ?? current.profileId, number: 1, year: 2026, name: `名额竞态届${serial}`, status: 'open', phase: 'intake', opensOn: '2026-11-01', schedule: { applicationDeadline: '2026-12-31' } })
      .returning();
    return row.id;
  }

  const decide = (body: Record<string, unknown>, on = editionId) => leadership.send('POST', `/api/editions/${on}/decisions`, { decidedOn: '2026-11-30', ...body });
  const decisionsOf = async (on: string, kindName: string, ids: string[]) => {
    const rows = await t.database.db.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.editionId, on), eq(decisions.kind, kindName)));
    const audits = (await auditsOf(t, 'decision.record', on)).filter((a) => ids.some((id) => JSON.stringify(a.after).includes(id)) && (a.after as { kind: string }).kind === kindName);
    return { rows: rows.length, audits: audits.length };
  };
  const historyTo = async (ids: string[], state: string) => {
    const [row] = await t.database.db.select({ n: count() }).from(applicationHistory).where(and(inArray(applicationHistory.applicationId, ids), eq(applicationHistory.toState, state)));
    return Number(row.n);
  };

  it('100 leadership approvals of one unit each for the award: exactly the 5 places of Art. 2 are filled [Art.2]', async () => {
    const ids = await applicationsAt(t, editionId, applicantId, 'proposed', RACERS);
    const responses = await atOnce(RACERS, (i) => decide({ kind: 'leadership_approval', documentNumber: `临质强〔2026〕${i + 1}号`, items: [{ applicationId: ids[i], outcome: 'approved', category: 'award' }] }));
    expect(statuses(responses)).toEqual({ 201: 5, 422: RACERS - 5 });
    expect(refusals(responses)).toEqual({ quota_exceeded: RACERS - 5 });
    expect(allExplained(responses)).toBe(true);
    expect(responses.find((r) => r.statusCode === 422)!.json().message).toContain('市长质量奖单位名额至多 5 家');
    expect(await statesOf(t, ids)).toEqual({ leadership_approved: 5, proposed: RACERS - 5 });
    // A refused decision leaves nothing: no decision row, no record, no history.
    expect(await decisionsOf(editionId, 'leadership_approval', ids)).toEqual({ rows: 5, audits: 5 });
    expect(await historyTo(ids, 'leadership_approved')).toBe(5);
    const winners = responses.flatMap((r, i) => (r.statusCode === 201 ? [ids[i]] : []));
    expect(await statesOf(t, winners)).toEqual({ leadership_approved: 5 });
  });

  it('100 candidate-list decisions of one application each: exactly the profile limit of 10 units become candidates [Art.16]', async () => {
    const on = await freshEdition();
    const ids = await applicationsAt(t, on, applicantId, 'satisfaction_survey', RACERS);
    await t.database.db.insert(surveys).values(ids.map((applicationId) => ({ editionId: on, applicationId, opensOn: '2026-11-01', closesOn: '2026-11-10', questions: {}, closedAt: new Date(), score: 90, createdBy: office.userId })));
    const responses = await atOnce(RACERS, (i) => office.send('POST', `/api/editions/${on}/decisions`, { kind: 'candidate_list', decidedOn: '2026-11-30', items: [{ applicationId: ids[i], outcome: 'candidate' }] }));
    expect(statuses(responses)).toEqual({ 201: 10, 422: RACERS - 10 });
    expect(refusals(responses)).toEqual({ quota_exceeded: RACERS - 10 });
    expect(await statesOf(t, ids)).toEqual({ candidate: 10, satisfaction_survey: RACERS - 10 });
    expect(await decisionsOf(on, 'candidate_list', ids)).toEqual({ rows: 10, audits: 10 });
    expect(await historyTo(ids, 'candidate')).toBe(10);
  });

  it('the same list of five recorded 100 times at once: one decision, the list moved once', async () => {
    const other = { id: await freshEdition() };
    const ids = await applicationsAt(t, other.id, applicantId, 'proposed', 5);
    const body = { kind: 'leadership_approval', documentNumber: '临质强〔2026〕99号', items: ids.map((applicationId) => ({ applicationId, outcome: 'approved', category: 'award', expectedState: 'proposed' })) };
    const responses = await atOnce(RACERS, () => decide(body, other.id));
    expect(statuses(responses)).toEqual({ 201: 1, 409: RACERS - 1 });
    expect(Object.keys(refusals(responses)).every((c) => ['wrong_stage', 'state_conflict'].includes(c))).toBe(true);
    expect(await statesOf(t, ids)).toEqual({ leadership_approved: 5 });
    expect(await t.database.db.select().from(decisions).where(eq(decisions.editionId, other.id))).toHaveLength(1);
    expect(await historyTo(ids, 'leadership_approved')).toBe(5);
  });

  it("100 recommendations by one county, one application each, under a cap of 2: exactly two signed [Art.14]", async () => {
    const base = JSON.parse(fs.readFileSync('resources/profiles/linyi-current.json', 'utf8'));
    const capped = await office.send('POST', '/api/profiles', { ...base, code: 'races-capped', name: '每县区限推两家', countyCap: 2 });
    expect(capped.statusCode, capped.body).toBe(201);
    const edition = { id: await freshEdition(capped.json().id) };
    const ids = await applicationsAt(t, edition.id, applicantId, 'submitted', RACERS);
    const opinion = { opinion: '同意推荐', signer: '李科长', signedOn: '2026-11-30' };
    const responses = await atOnce(RACERS, (i) => county.send('POST', `/api/applications/${ids[i]}/actions/recommend`, { payload: opinion }));
    expect(statuses(responses)).toEqual({ 200: 2, 422: RACERS - 2 });
    expect(refusals(responses)).toEqual({ guard_failed: RACERS - 2 });
    expect(responses.find((r) => r.statusCode === 422)!.json().message).toContain('本县区推荐名额已满');
    expect(await statesOf(t, ids)).toEqual({ recommended: 2, submitted: RACERS - 2 });
    const [signed] = await t.database.db.select({ n: count() }).from(countyOpinions).where(and(inArray(countyOpinions.applicationId, ids), eq(countyOpinions.recommend, true)));
    expect(Number(signed.n)).toBe(2);
    expect(await historyTo(ids, 'recommended')).toBe(2);
  });
});
