import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { applications, editions, qualificationReviews } from '../../src/db/schema/index.js';
import { loadVisibleApplication } from '../../src/services/applications/access.js';
import { inTransaction } from '../../src/services/context.js';
import { budget } from '../support/budget.js';
import { commitsWhileHeld } from './support/held-transaction.js';
import type { Role } from '../../src/domain/roles.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { attachEvidenceRow, completeUnitForm, creditCode, departmentSessions, openEdition, registerApplicant } from './support/intake.js';

/** Every role against one application in qualification review: who sees it, and that strangers change nothing. */
describe.each(databaseKinds)('access to an application per role on %s [Art.24]', (kind) => {
  let t: TestApp;
  let id: string;
  const strangers = new Map<string, Session>();
  const viewers = new Map<string, Session>();
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('office', ['office']);
    await t.createUser('lanshan', ['county'], await organisationId(t, 'county', '兰山区'));
    await t.createUser('feixian', ['county'], await organisationId(t, 'county', '费县'));
    const office = await t.login('office');
    await openEdition(t, office);
    const departments = await departmentSessions(t);
    const owner = await registerApplicant(t, 'unit', creditCode(31), '访问控制测试有限公司', 'owner');
    id = (await owner.send('POST', '/api/applications', {})).json().id;
    await owner.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t) });
    await attachEvidenceRow(t, id, owner.userId);
    await owner.send('POST', `/api/applications/${id}/actions/submit`, {});
    await (await t.login('lanshan')).send('POST', `/api/applications/${id}/actions/recommend`, { payload: { opinion: '同意', signer: '李', signedOn: '2026-11-30' } });
    await office.send('POST', `/api/applications/${id}/actions/accept`, {});

    viewers.set('applicant (owner)', owner);
    viewers.set('county (own area)', await t.login('lanshan'));
    viewers.set('office', office);
    viewers.set('department (reviewing)', departments[0]);
    strangers.set('another applicant', await registerApplicant(t, 'unit', creditCode(32), '旁观者有限公司', 'other'));
    strangers.set('county (other area)', await t.login('feixian'));
    const agencyOrg = (await t.database.db.insert((await import('../../src/db/schema/index.js')).organisations).values({ name: '评价机构', kind: 'agency' }).returning())[0].id;
    for (const role of ['agency', 'expert', 'committee', 'leadership', 'government', 'sysadmin', 'secadmin', 'auditadmin'] as Role[]) {
      await t.createUser(`r_${role}`, [role], role === 'agency' ? agencyOrg : null);
      strangers.set(role, await t.login(`r_${role}`));
    }
  });
  afterAll(() => t.close());

  it.each(['applicant (owner)', 'county (own area)', 'office', 'department (reviewing)'])('%s sees it', async (who) => {
    const res = await viewers.get(who)!.get(`/api/applications/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('qualification_review');
  });

  it.each(['another applicant', 'county (other area)', 'agency', 'expert', 'committee', 'leadership', 'government', 'sysadmin', 'secadmin', 'auditadmin'])(
    '%s gets 404 on every read and write, and the row is unchanged',
    async (who) => {
      const s = strangers.get(who)!;
      const [before] = await t.database.db.select().from(applications).where(eq(applications.id, id));
      const attempts = [
        await s.get(`/api/applications/${id}`),
        await s.get(`/api/applications/${id}/versions/1`),
        await s.get(`/api/applications/${id}/files`),
        await s.send('PATCH', `/api/applications/${id}`, { revision: before.revision, form: { address: '篡改' } }),
        await s.send('POST', `/api/applications/${id}/actions/withdraw`, { reason: '恶意撤回' }),
        await s.send('POST', `/api/applications/${id}/qualification`, { decision: 'fail', reasons: '恶意' }),
        await s.send('POST', `/api/applications/${id}/actions/disqualify`, { reason: '恶意' }),
      ];
      // The office-only route refuses non-office roles before looking the object up.
      for (const res of attempts) expect([404, 403]).toContain(res.statusCode);
      expect(attempts.slice(0, 6).every((r) => r.statusCode === 404)).toBe(true);
      expect((await s.get('/api/applications')).json().items.map((a: { id: string }) => a.id)).not.toContain(id);
      const [after] = await t.database.db.select().from(applications).where(eq(applications.id, id));
      expect(after).toEqual(before);
    },
  );

  it('the public gets 401 and learns nothing', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/applications/${id}` });
    expect(res.statusCode).toBe(401);
  });

  const officeActor = () => ({ userId: viewers.get('office')!.userId, roles: ['office' as Role], organisationId: null });

  it('loads the department reviews with the row, as the policy needs them', async () => {
    const { facts } = await inTransaction(t.systemCtx(), (tctx) => loadVisibleApplication({ ...tctx, actor: officeActor() }, id));
    const reviews = await t.database.db.select().from(qualificationReviews).where(eq(qualificationReviews.applicationId, id));
    expect(reviews.length).toBeGreaterThan(0);
    expect([...facts.reviewingDepartmentIds].sort()).toEqual(reviews.map((r) => r.departmentId).sort());
    expect(facts.pendingDepartmentIds.length).toBe(reviews.filter((r) => r.status === 'pending').length);
  });

  // Two transactions at once need two connections: PostgreSQL only (PGlite has one).
  if (kind === 'postgres') it('locking an application for a change leaves its edition free', async () => {
    const [row] = await t.database.db.select().from(applications).where(eq(applications.id, id));
    const outcome = await commitsWhileHeld(
      (stayOpen) =>
        inTransaction(t.systemCtx(), async (tctx) => {
          await loadVisibleApplication({ ...tctx, actor: officeActor() }, id, { forUpdate: true });
          await stayOpen();
        }),
      // Locked with the join, the edition's row would wait for the holder, and so would every other application of it.
      () => t.database.db.update(editions).set({ name: sql`${editions.name}` }).where(eq(editions.id, row.editionId)),
      budget(3_000),
    );
    expect(outcome).toBe('committed');
  });
});
