import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { applicationHistory, applications, decisions, surveys, winners } from '../../src/db/schema/index.js';
import type { ApplicationState } from '../../src/domain/lifecycle/states.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';

/** Decisions over a list (Art. 9, 16, 18, 28–29): recorded first, then the procedure moves the applications. */
describe.each(databaseKinds)('list decisions on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let committee: Session;
  let leadership: Session;
  let government: Session;
  let editionId: string;
  let applicantId: string;
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    t.tolerateBroken('lifecycle.history-chain', 'decisions move applications from the state the fixture seeded, not from draft');
    t.tolerateBroken('awards.winner-decision', 'a winner row is inserted directly to test revocation, without a government decision');
    t.tolerateBroken('awards.winner-record', 'applications are seeded as awarded without a winner record');
    for (const role of ['office', 'committee', 'leadership', 'government'] as const) await t.createUser(`d_${role}`, [role]);
    [office, committee, leadership, government] = await Promise.all(['office', 'committee', 'leadership', 'government'].map((r) => t.login(`d_${r}`)));
    editionId = await openEdition(t, office);
    applicantId = (await registerApplicant(t, 'unit', creditCode(700), '决定测试有限公司', 'decided')).userId;
  });
  afterAll(() => t.close());

  async function applicationsIn(state: ApplicationState, n: number): Promise<string[]> {
    const form = await completeUnitForm(t);
    const county = await organisationId(t, 'county', '兰山区');
    const rows = await t.database.db
      .insert(applications)
      .values(Array.from({ length: n }, () => ({ editionId, kind: 'unit' as const, applicantUserId: applicantId, countyId: county, identityCode: creditCode(800 + ++serial), name: `名单申报${serial}`, state, form })))
      .returning({ id: applications.id });
    return rows.map((r) => r.id);
  }
  const statesOf = async (ids: string[]) => (await t.database.db.select().from(applications).where(inArray(applications.id, ids))).map((r): [string, string] => [r.id, r.state]);

  /** Applications in the survey whose survey has closed: the candidate list may name them. */
  async function surveyed(n: number): Promise<string[]> {
    const ids = await applicationsIn('satisfaction_survey', n);
    await t.database.db.insert(surveys).values(ids.map((applicationId) => ({ editionId, applicationId, opensOn: '2026-11-01', closesOn: '2026-11-20', questions: {}, closedAt: new Date(), score: 80, createdBy: office.userId })));
    return ids;
  }

  it('records the candidate list, then moves every application it names, in one step; the leadership approves the proposed list with its number [Art.7][Art.16]', async () => {
    const [a, b] = await surveyed(2);
    const res = await office.send('POST', `/api/editions/${editionId}/decisions`, {
      kind: 'candidate_list',
      decidedOn: '2026-11-30',
      items: [{ applicationId: a, outcome: 'candidate' }, { applicationId: b, outcome: 'not_selected', reason: '综合得分未达建议线' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'candidate_list', recordedBy: 'd_office', items: [{ outcome: 'candidate' }, { outcome: 'not_selected' }].map((o) => expect.objectContaining(o)) });
    expect(new Map(await statesOf([a, b]))).toEqual(new Map([[a, 'candidate'], [b, 'not_selected']]));
    const [history] = await t.database.db.select().from(applicationHistory).where(eq(applicationHistory.applicationId, b));
    expect(history.reason).toBe('综合得分未达建议线');
    // The leadership group approves a proposed list, with its document number.
    const [p] = await applicationsIn('proposed', 1);
    const approved = await leadership.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'leadership_approval', documentNumber: '临质强〔2026〕3号', decidedOn: '2026-11-30', items: [{ applicationId: p, outcome: 'approved', category: 'award' }] });
    expect(approved.statusCode).toBe(201);
    expect(new Map(await statesOf([p]))).toEqual(new Map([[p, 'leadership_approved']]));
    expect((await committee.get(`/api/editions/${editionId}/decisions`)).json().items.map((d: { kind: string }) => d.kind)).toEqual(['leadership_approval', 'candidate_list']);
  });

  it('records the committee resolution only through the plenary: never by a generic decision, never by a single member, never by hand [Art.9][Art.16]', async () => {
    const [a] = await applicationsIn('candidate', 1);
    const body = { kind: 'committee_resolution', documentNumber: '临质奖评〔2026〕1号', decidedOn: '2026-11-30', items: [{ applicationId: a, outcome: 'proposed', category: 'award' }] };
    expect((await office.send('POST', `/api/editions/${editionId}/decisions`, body)).json()).toMatchObject({ code: 'wrong_stage' });
    expect((await committee.send('POST', `/api/editions/${editionId}/decisions`, body)).statusCode).toBe(403);
    const byHand = await committee.send('POST', `/api/applications/${a}/actions/committeePropose`, {});
    expect(byHand.json()).toMatchObject({ code: 'procedure_only' });
    expect(await statesOf([a])).toEqual([[a, 'candidate']]);
  });

  it('refuses the whole decision when one application is in the wrong state, a number is missing or an outcome is unknown', async () => {
    const [a] = await applicationsIn('proposed', 1);
    const [early] = await applicationsIn('candidate', 1);
    const before = (await t.database.db.select().from(decisions)).length;
    const mixed = await leadership.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'leadership_approval', documentNumber: '临质强〔2026〕2号', decidedOn: '2026-11-30', items: [{ applicationId: a, outcome: 'approved', category: 'award' }, { applicationId: early, outcome: 'approved', category: 'award' }] });
    expect(mixed.json()).toMatchObject({ code: 'wrong_stage', fields: [{ field: 'items.1.applicationId' }] });
    const unnumbered = await leadership.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'leadership_approval', decidedOn: '2026-11-30', items: [{ applicationId: a, outcome: 'award' }] });
    expect(unnumbered.statusCode).toBe(422);
    expect(unnumbered.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['documentNumber', 'items.0.outcome']);
    expect((await t.database.db.select().from(decisions)).length).toBe(before);
    expect(new Map(await statesOf([a, early]))).toEqual(new Map([[a, 'proposed'], [early, 'candidate']]));
  });

  it('keeps the guards: the government cannot decide before the public notice has ended [Art.17][Art.18]', async () => {
    const [a] = await applicationsIn('public_notice', 1);
    const res = await government.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'government_decision', documentNumber: '临政字〔2026〕9号', decidedOn: '2026-11-30', items: [{ applicationId: a, outcome: 'award' }] });
    expect(res.json()).toMatchObject({ code: 'guard_failed' });
    expect(res.json().message).toContain('尚未开始公示');
    expect(await statesOf([a])).toEqual([[a, 'public_notice']]);
  });

  it('refuses revocation and the Art. 25 ruling outside a supervision case: they follow its verification (Art. 25, 28–29) [Art.25][Art.28][Art.29]', async () => {
    const [a] = await applicationsIn('awarded', 1);
    await t.database.db.insert(winners).values({ applicationId: a, editionId, identityCode: `W${a}`, name: '撤销测试', kind: 'unit', category: 'award' });
    const attempts = [
      [leadership, { kind: 'revocation_proposal', documentNumber: '临质强〔2027〕1号', decidedOn: '2026-11-30', items: [{ applicationId: a, outcome: 'propose', reason: '弄虚作假' }] }],
      [government, { kind: 'revocation_decision', documentNumber: '临政字〔2027〕1号', decidedOn: '2026-11-30', items: [{ applicationId: a, outcome: 'revoke' }] }],
      [leadership, { kind: 'misconduct_ruling', documentNumber: '临质强〔2027〕2号', decidedOn: '2026-11-30', items: [{ applicationId: a, outcome: 'exclude' }] }],
    ] as const;
    for (const [who, body] of attempts) {
      const res = await who.send('POST', `/api/editions/${editionId}/decisions`, body);
      expect(res.statusCode, body.kind).toBe(409);
      expect(res.json()).toMatchObject({ code: 'wrong_stage' });
    }
    expect(await statesOf([a])).toEqual([[a, 'awarded']]);
    const [winner] = await t.database.db.select().from(winners).where(eq(winners.applicationId, a));
    expect(winner.revokedAt).toBeNull();
  });

  it("hides an edition's decisions from those who neither decide nor sit on the committee", async () => {
    await t.createUser('d_dept', ['department'], await organisationId(t, 'department', '市质监局'));
    const dept = await t.login('d_dept');
    expect((await dept.get(`/api/editions/${editionId}/decisions`)).statusCode).toBe(404);
    expect((await dept.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'candidate_list', decidedOn: '2026-11-30', items: [{ applicationId: editionId, outcome: 'candidate' }] })).statusCode).toBe(403);
  });
});
