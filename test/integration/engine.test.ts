import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applicationHistory, applications, organisations, qualificationReviews, users } from '../../src/db/schema/index.js';
import { buildLifecycle } from '../../src/domain/lifecycle/table.js';
import type { ApplicationState } from '../../src/domain/lifecycle/states.js';
import type { Actor, Role } from '../../src/domain/roles.js';
import { inTransaction } from '../../src/services/context.js';
import { loadVisibleApplication } from '../../src/services/applications/access.js';
import { commitStep, decideAction, performAction } from '../../src/services/applications/engine.js';
import { ApplicationFacts } from '../../src/services/applications/facts.js';
import { ServiceError } from '../../src/services/errors.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { attachEvidenceRow, completeUnitForm, creditCode, openEdition } from './support/intake.js';

const ROLLBACK = new Error('rollback');
const LINYI = buildLifecycle({ code: 'linyi-current', technicalStages: ['material', 'onsite', 'defence'] });

/** What performing an action would do, in a transaction that is always rolled back. */
async function tryPerform(t: TestApp, actor: Actor, id: string, action: string): Promise<string> {
  try {
    await inTransaction(t.ctxFor(actor), async (tctx) => {
      const { row } = await loadVisibleApplication(tctx, id, { forUpdate: true });
      await performAction(tctx, row, action, { reason: '依规定办理', payload: { opinion: '同意', signer: '李科长', signedOn: '2026-11-30', correctionDueOn: null } });
      throw ROLLBACK;
    });
  } catch (error) {
    if (error === ROLLBACK) return 'ok';
    if (error instanceof ServiceError) return error.code;
    throw error;
  }
  return 'committed';
}

describe.each(databaseKinds)('the action engine on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let editionId: string;
  let unitForm: Record<string, unknown>;
  const actors = new Map<string, Actor>();
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    t.tolerateBroken('lifecycle.history-chain', 'the first engine step starts from the state the fixture seeded, not from draft');
    t.tolerateBroken('awards.winner-record', 'applications are seeded as awarded without a winner record');
    t.tolerateBroken('files.content', 'file rows are seeded with a placeholder sha256 and no bytes (materialsComplete only counts rows)');
    await t.createUser('office1', ['office']);
    office = await t.login('office1');
    editionId = await openEdition(t, office);
    unitForm = await completeUnitForm(t);
    const lanshan = await organisationId(t, 'county', '兰山区');
    const hedong = await organisationId(t, 'county', '河东区');
    const zhijian = await organisationId(t, 'department', '市质监局');
    const [agency] = await t.database.db.insert(organisations).values({ name: '引擎测试机构', kind: 'agency' }).returning();
    const specs: Array<[string, Role, string | null]> = [
      ['applicant', 'applicant_unit', null],
      ['otherApplicant', 'applicant_unit', null],
      ['county', 'county', lanshan],
      ['otherCounty', 'county', hedong],
      ['office', 'office', null],
      ['department', 'department', zhijian],
      ['agency', 'agency', agency.id],
      ['committee', 'committee', null],
      ['leadership', 'leadership', null],
      ['government', 'government', null],
    ];
    for (const [name, role, org] of specs) {
      const userId = await t.createUser(`engine_${name}`, [role], org);
      actors.set(name, { userId, roles: [role], organisationId: org });
    }
    await t.database.db.update(users).set({ identityCode: creditCode(900) }).where(eq(users.id, actors.get('applicant')!.userId));
  });
  afterAll(() => t.close());

  /** An application of the test applicant, in 兰山区, put straight into `state` (the department holds a task from qualification on). */
  async function applicationIn(state: ApplicationState, review: 'pending' | 'passed' | 'failed' = 'failed'): Promise<string> {
    serial += 1;
    const [row] = await t.database.db
      .insert(applications)
      .values({ editionId, kind: 'unit', applicantUserId: actors.get('applicant')!.userId, countyId: await organisationId(t, 'county', '兰山区'), identityCode: creditCode(1000 + serial), name: `引擎测试${serial}`, state, form: unitForm, submittedAt: state === 'draft' ? null : t.clock.now() })
      .returning();
    await attachEvidenceRow(t, row.id, actors.get('applicant')!.userId);
    if (!['draft', 'submitted', 'recommended', 'returned', 'rejected', 'not_recommended', 'accepted'].includes(state)) {
      await t.database.db.insert(qualificationReviews).values({ applicationId: row.id, departmentId: actors.get('department')!.organisationId!, dueOn: '2026-12-14', status: review });
    }
    return row.id;
  }

  it('sends as abilities exactly what performing each action does, for every role and every state of the Linyi table', async () => {
    const sessions = new Map<string, Session>();
    for (const name of actors.keys()) sessions.set(name, await t.login(`engine_${name}`));
    let compared = 0;
    let allowed = 0;
    for (const state of LINYI.states) {
      const id = await applicationIn(state);
      // Every step out of this state, and one that leads out of another (refused as the wrong stage).
      const actions = [...new Set([...LINYI.transitions.filter((tr) => tr.from === state).map((tr) => tr.action), state === 'draft' ? 'accept' : 'submit'])];
      for (const [name, actor] of actors) {
        const ctx = t.ctxFor(actor);
        let visible = true;
        try {
          await loadVisibleApplication(ctx, id);
        } catch {
          visible = false;
        }
        // What the API sends this actor: the listed actions with the engine's dry-run verdicts.
        const session = visible ? sessions.get(name)! : null;
        const listed = session ? ((await session.get(`/api/applications/${id}`)).json().actions as Array<{ action: string; allowed: boolean; code: string | null }>) : [];
        for (const action of actions) {
          const outcome = await tryPerform(t, actor, id, action);
          const [row] = await t.database.db.select().from(applications).where(eq(applications.id, id));
          const dry = visible ? await decideAction(ctx, new ApplicationFacts(t.database.db, row, t.clock.now()), action) : null;
          const expected = !visible ? 'not_found' : dry!.allowed ? 'ok' : dry!.code;
          expect(outcome, `${name} ${action} on ${state}`).toBe(expected);
          const sent = listed.find((a) => a.action === action);
          if (sent) expect({ allowed: sent.allowed, code: sent.code }, `${name} sees ${action} on ${state}`).toEqual({ allowed: outcome === 'ok', code: outcome === 'ok' ? null : outcome });
          // Anything the actor could do is listed; nothing listed is a step of another role.
          if (outcome === 'ok') expect(sent, `${name} may ${action} on ${state}, so it is listed`).toBeDefined();
          compared += 1;
          if (outcome === 'ok') allowed += 1;
        }
        expect((await t.database.db.select().from(applications).where(eq(applications.id, id)))[0].state).toBe(state);
      }
    }
    // Not vacuous: many combinations compared, and the procedure's steps reachable by people were allowed.
    expect(compared).toBeGreaterThan(600);
    expect(allowed).toBeGreaterThanOrEqual(9);
  }, 600_000);

  it('refuses the second of two steps that both read the old state, without any row lock (compare-and-set)', async () => {
    const id = await applicationIn('recommended');
    const office = { ...t.ctxFor(actors.get('office')!) };
    const [stale] = await t.database.db.select().from(applications).where(eq(applications.id, id));
    const reject = LINYI.transitions.find((tr) => tr.from === 'recommended' && tr.action === 'reject')!;
    const returnStep = LINYI.transitions.find((tr) => tr.from === 'recommended' && tr.action === 'returnForCorrection')!;
    // Both transactions start from the same stale read, as two requests that passed their checks at once would.
    await inTransaction(office, (tctx) => commitStep(tctx, new ApplicationFacts(tctx.tx, stale, t.clock.now()), reject, '不符合条件', null, 'actor'));
    const second = inTransaction(office, (tctx) => commitStep(tctx, new ApplicationFacts(tctx.tx, stale, t.clock.now()), returnStep, '补正', null, 'actor'));
    await expect(second).rejects.toMatchObject({ code: 'state_conflict' });
    const [after] = await t.database.db.select().from(applications).where(eq(applications.id, id));
    expect(after.state).toBe('rejected');
    expect((await t.database.db.select().from(applicationHistory).where(eq(applicationHistory.applicationId, id))).map((h) => h.toState)).toEqual(['rejected']);
  });

  it('overrules an objection at every level: refused without one, audited, and qualifies once every opinion is in [Art.15]', async () => {
    const id = await applicationIn('qualification_review', 'failed');
    const noObjection = await applicationIn('qualification_review', 'pending');
    const refused = await office.send('POST', `/api/applications/${noObjection}/override-qualification`, { reason: '无异议可否决' });
    expect(refused.json()).toMatchObject({ code: 'no_objection' });
    expect(refused.statusCode).toBe(409);
    const county = await t.login('engine_county');
    expect((await county.send('POST', `/api/applications/${id}/override-qualification`, { reason: '越权' })).statusCode).toBe(403);
    expect((await (await t.login('engine_otherCounty')).send('POST', `/api/applications/${id}/override-qualification`, { reason: '越权' })).statusCode).toBe(404);
    const ok = await office.send('POST', `/api/applications/${id}/override-qualification`, { reason: '该事故已结案，不属于重大事故' });
    expect(ok.statusCode).toBe(200);
    // The only department's opinion is now overruled: the procedure qualifies the application in the same step.
    expect(ok.json()).toMatchObject({ state: 'qualified', qualification: { reviews: [{ status: 'overruled', overruledReason: '该事故已结案，不属于重大事故' }] } });
    const [history] = await t.database.db.select().from(applicationHistory).where(eq(applicationHistory.applicationId, id));
    expect(history).toMatchObject({ fromState: 'qualification_review', toState: 'qualified', actorId: office.userId });
    // The applicant reads the outcome, never the overruled objection.
    const applicant = await t.login('engine_applicant');
    expect(JSON.stringify((await applicant.get(`/api/applications/${id}`)).json())).not.toContain('该事故已结案');
  });

  it('rejects at every level: reason required, refused to other roles and to a stale state, applicant notified', async () => {
    const id = await applicationIn('recommended');
    expect((await office.send('POST', `/api/applications/${id}/actions/reject`, {})).json()).toMatchObject({ code: 'reason_required', fields: [{ field: 'reason' }] });
    const applicant = await t.login('engine_applicant');
    expect((await applicant.send('POST', `/api/applications/${id}/actions/reject`, { reason: '自行不予受理' })).json()).toMatchObject({ code: 'wrong_role' });
    const rejected = await office.send('POST', `/api/applications/${id}/actions/reject`, { reason: '不属于本市注册企业（第三条）' });
    expect(rejected.json()).toMatchObject({ state: 'rejected', outcomeReason: '不属于本市注册企业（第三条）', actions: [] });
    expect((await office.send('POST', `/api/applications/${id}/actions/reject`, { reason: '再次' })).json()).toMatchObject({ code: 'final_state' });
    const seen = (await applicant.get(`/api/applications/${id}`)).json();
    expect(seen).toMatchObject({ state: 'rejected', stateLabel: '不予受理', outcomeReason: '不属于本市注册企业（第三条）' });
    // A returned application whose correction period is still open cannot be rejected yet.
    const returned = await applicationIn('returned');
    await t.database.db.update(applications).set({ correctionDueOn: '2026-12-07' }).where(eq(applications.id, returned));
    expect((await office.send('POST', `/api/applications/${returned}/actions/reject`, { reason: '逾期' })).json()).toMatchObject({ code: 'guard_failed' });
    t.clock.set('2026-12-07T16:00:01Z');
    const later = await t.login('office1'); // a week on, the first session has expired
    expect((await later.send('POST', `/api/applications/${returned}/actions/reject`, { reason: '逾期未补正' })).json().state).toBe('rejected');
    t.clock.set('2026-11-30T02:00:00Z');
  });
});
