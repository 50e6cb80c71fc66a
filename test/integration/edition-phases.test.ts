import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applications, editions } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';

/** The edition's own phases (SPEC §4): moved on by the office once every application of the phase is settled. */
describe.each(databaseKinds)('edition phases on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let editionId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    await t.createUser('p_office', ['office']);
    await t.createUser('p_county', ['county'], await organisationId(t, 'county', '兰山区'));
    office = await t.login('p_office');
    editionId = await openEdition(t, office, '2026-12-04');
  });
  afterAll(() => t.close());

  it('publishing the call opens the intake phase; it cannot end before the deadline [Art.13]', async () => {
    const view = (await office.get(`/api/editions/${editionId}`)).json();
    expect(view).toMatchObject({ phase: 'intake', nextPhase: { phase: 'qualification', label: '资格审查', allowed: false, code: 'wrong_stage' } });
    expect(view.nextPhase.message).toContain('2026-12-04 24:00');
    expect(view.phases.map((p: { phase: string }) => p.phase)).toHaveLength(11);
    const early = await office.send('POST', `/api/editions/${editionId}/advance-phase`);
    expect(early.statusCode).toBe(409);
    expect((await t.database.db.select().from(editions).where(eq(editions.id, editionId)))[0].phase).toBe('intake');
  });

  it('waits for every submitted application to be settled, then moves on once, and only for the office', async () => {
    const unit = await registerApplicant(t, 'unit', creditCode(600), '阶段测试有限公司', 'phased');
    const [app] = await t.database.db
      .insert(applications)
      .values({ editionId, kind: 'unit', applicantUserId: unit.userId, countyId: await organisationId(t, 'county', '兰山区'), identityCode: creditCode(600), name: '阶段测试有限公司', state: 'recommended', form: await completeUnitForm(t) })
      .returning();
    t.clock.set('2026-12-04T16:00:01Z'); // the deadline day is over in Shanghai
    const later = await t.login('p_office');
    const held = (await later.get(`/api/editions/${editionId}`)).json().nextPhase;
    expect(held).toMatchObject({ allowed: false, message: expect.stringContaining('尚有 1 件申报未完成“申报与推荐”阶段') });
    const county = await t.login('p_county');
    expect((await county.send('POST', `/api/editions/${editionId}/advance-phase`)).statusCode).toBe(403);

    await t.database.db.update(applications).set({ state: 'qualification_review' }).where(eq(applications.id, app.id));
    const [a, b] = await Promise.all([later.send('POST', `/api/editions/${editionId}/advance-phase`), later.send('POST', `/api/editions/${editionId}/advance-phase`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const moved = (await later.get(`/api/editions/${editionId}`)).json();
    expect(moved).toMatchObject({ phase: 'qualification', nextPhase: { phase: 'technical_review', allowed: false } });
    // Qualified, it waits for the technical review to start: it no longer holds the edition.
    await t.database.db.update(applications).set({ state: 'qualified' }).where(eq(applications.id, app.id));
    expect((await later.get(`/api/editions/${editionId}`)).json().nextPhase).toMatchObject({ phase: 'technical_review', allowed: true });
    t.clock.set('2026-11-30T02:00:00Z');
  });
});
