import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { applications, countyOpinions, decisionItems, decisions, organisations, qualificationReviews } from '../../src/db/schema/index.js';
import type { RuleProfile } from '../../src/domain/profile/schema.js';
import { loadEdition } from '../../src/services/technical/actors.js';
import { databaseKinds } from './support/databases.js';
import type { Session, TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { openEdition, registerApplicant, creditCode } from './support/intake.js';
import { allExplained, applicationsAt, startRaceApp, atOnce, auditsOf, completeItems, panelOn, RACERS, refusals, statuses, stepsRecorded } from './support/races.js';

/**
 * The same lifecycle step sent 100 times at once (issue 14, races): exactly one takes it, the
 * others get a clean 409 with a stable code, and the step leaves one history row, one audit
 * record and one set of effects. The applicant's submit is raced in lifecycle.test.ts.
 */
describe.each(databaseKinds)('the same transition 100 times at once on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let county: Session;
  let agency: Session;
  let editionId: string;
  let applicantId: string;
  let profile: RuleProfile;

  beforeAll(async () => {
    t = await startRaceApp(kind);
    await t.createUser('rt_office', ['office']);
    await t.createUser('rt_county', ['county'], await organisationId(t, 'county', '兰山区'));
    const [agencyOrg] = await t.database.db.insert(organisations).values({ name: '竞态评价机构', kind: 'agency' }).returning();
    await t.createUser('rt_agency', ['agency'], agencyOrg.id);
    [office, county, agency] = await Promise.all(['rt_office', 'rt_county', 'rt_agency'].map((u) => t.login(u)));
    editionId = await openEdition(t, office);
    applicantId = (await registerApplicant(t, 'unit', creditCode(4000), '竞态申报有限公司', 'rt_applicant')).userId;
    profile = (await loadEdition(t.database.db, editionId)).profile;
  });
  afterAll(() => t.close());

  const opinion = { opinion: '同意推荐', signer: '李科长', signedOn: '2026-11-30' };
  const act = (who: Session, id: string, action: string, body: unknown = {}) => who.send('POST', `/api/applications/${id}/actions/${action}`, body);

  it("the county's recommendation: one opinion signed, one step, one notice to the office", async () => {
    const [id] = await applicationsAt(t, editionId, applicantId, 'submitted', 1);
    const responses = await atOnce(RACERS, () => act(county, id, 'recommend', { payload: opinion }));
    expect(statuses(responses)).toEqual({ 200: 1, 409: RACERS - 1 });
    // The loser either saw the new state (wrong_stage) or lost the compare-and-set (state_conflict).
    expect(Object.keys(refusals(responses)).every((c) => ['wrong_stage', 'state_conflict'].includes(c))).toBe(true);
    expect(allExplained(responses)).toBe(true);
    expect(await stepsRecorded(t, id, 'recommended')).toEqual({ history: 1, audit: 1 });
    const [opinions] = await t.database.db.select({ n: count() }).from(countyOpinions).where(eq(countyOpinions.applicationId, id));
    expect(Number(opinions.n)).toBe(1);
    expect(await auditsOf(t, 'county.opinion', id)).toHaveLength(1);
    const [row] = await t.database.db.select().from(applications).where(eq(applications.id, id));
    expect(row.state).toBe('recommended');
  });

  it("the office's acceptance: one step, and the qualification review opened once, one task per department", async () => {
    const [id] = await applicationsAt(t, editionId, applicantId, 'recommended', 1);
    const responses = await atOnce(RACERS, () => act(office, id, 'accept'));
    expect(statuses(responses)).toEqual({ 200: 1, 409: RACERS - 1 });
    expect(Object.keys(refusals(responses)).every((c) => ['wrong_stage', 'state_conflict'].includes(c))).toBe(true);
    expect(allExplained(responses)).toBe(true);
    const winner = responses.find((r) => r.statusCode === 200)!.json();
    expect(winner.state).toBe('qualification_review');
    // Acceptance and the procedure step it triggers, each once.
    expect(await stepsRecorded(t, id, 'accepted')).toEqual({ history: 1, audit: 1 });
    expect(await stepsRecorded(t, id, 'qualification_review')).toEqual({ history: 1, audit: 1 });
    const tasks = await t.database.db.select().from(qualificationReviews).where(eq(qualificationReviews.applicationId, id));
    expect(tasks).toHaveLength(profile.departments.length);
    expect(new Set(tasks.map((r) => r.departmentId)).size).toBe(profile.departments.length);
    expect(await auditsOf(t, 'qualification.start', id)).toHaveLength(1);
  });

  it("the agency's advancement of one application: one decision recorded, one step to the next stage", async () => {
    const [id] = await applicationsAt(t, editionId, applicantId, 'material_review', 1);
    const items = completeItems(profile.scoringTemplates.unit, 60);
    await panelOn(t, { editionId, applicationId: id, stage: 'material', n: profile.panelMinSize, books: { status: 'submitted', items, total: 600 } });
    // As the results page sends it: with the state it showed (contract/actions.ts expectedState).
    const body = { kind: 'advancement', decidedOn: '2026-11-30', items: [{ applicationId: id, outcome: 'advance', expectedState: 'material_review' }] };
    const responses = await atOnce(RACERS, () => agency.send('POST', `/api/editions/${editionId}/decisions`, body));
    expect(statuses(responses)).toEqual({ 201: 1, 409: RACERS - 1 });
    expect(Object.keys(refusals(responses)).every((c) => ['wrong_stage', 'state_conflict'].includes(c))).toBe(true);
    expect(allExplained(responses)).toBe(true);
    const next = profile.technicalStages[1] === 'onsite' ? 'onsite_review' : 'defence_review';
    expect(await stepsRecorded(t, id, next)).toEqual({ history: 1, audit: 1 });
    // A refused decision leaves no row behind: one decision, one item.
    const recorded = await t.database.db.select().from(decisionItems).innerJoin(decisions, eq(decisions.id, decisionItems.decisionId)).where(eq(decisionItems.applicationId, id));
    expect(recorded).toHaveLength(1);
    expect((await auditsOf(t, 'decision.record', editionId)).filter((a) => JSON.stringify(a.after).includes(id))).toHaveLength(1);
  });

  it('the same advancement without the state it was decided on: still one step, the repeats refused by the next stage\'s guard', async () => {
    const [id] = await applicationsAt(t, editionId, applicantId, 'material_review', 1);
    await panelOn(t, { editionId, applicationId: id, stage: 'material', n: profile.panelMinSize, books: { status: 'submitted', items: completeItems(profile.scoringTemplates.unit, 60), total: 600 } });
    const body = { kind: 'advancement', decidedOn: '2026-11-30', items: [{ applicationId: id, outcome: 'advance' }] };
    const responses = await atOnce(RACERS, () => agency.send('POST', `/api/editions/${editionId}/decisions`, body));
    expect(statuses(responses)).toEqual({ 201: 1, 422: RACERS - 1 });
    expect(refusals(responses)).toEqual({ guard_failed: RACERS - 1 });
    const [row] = await t.database.db.select().from(applications).where(eq(applications.id, id));
    expect(row.state).toBe(profile.technicalStages[1] === 'onsite' ? 'onsite_review' : 'defence_review');
  });

  it('withdrawals raced against acceptances: one withdrawal, at most one acceptance before it, and the history says which', async () => {
    const [id] = await applicationsAt(t, editionId, applicantId, 'recommended', 1);
    const applicant = await t.login('rt_applicant', 'Applicant-Pass-1');
    const responses = await atOnce(RACERS, (i) => (i % 2 ? act(office, id, 'accept') : act(applicant, id, 'withdraw', { reason: '本单位决定撤回申报' })));
    const accepted = responses.filter((r, i) => i % 2 === 1 && r.statusCode === 200).length;
    const withdrawn = responses.filter((r, i) => i % 2 === 0 && r.statusCode === 200).length;
    // An application may be withdrawn when recommended and under qualification review, so an
    // acceptance that came first leaves room for exactly one withdrawal after it.
    expect(withdrawn).toBe(1);
    expect(accepted).toBeLessThanOrEqual(1);
    expect(statuses(responses)).toEqual({ 200: 1 + accepted, 409: RACERS - 1 - accepted });
    const [row] = await t.database.db.select().from(applications).where(eq(applications.id, id));
    expect(row.state).toBe('withdrawn');
    expect(await stepsRecorded(t, id, 'withdrawn')).toEqual({ history: 1, audit: 1 });
    expect(await stepsRecorded(t, id, 'accepted')).toEqual({ history: accepted, audit: accepted });
  });
});
