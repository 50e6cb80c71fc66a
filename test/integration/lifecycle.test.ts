import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { applicationHistory, auditLog } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { attachEvidenceRow, completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';

describe.each(databaseKinds)('the lifecycle on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('office', ['office']);
    office = await t.login('office');
    await openEdition(t, office);
  });
  afterAll(() => t.close());

  it('lets exactly one of 100 identical concurrent transitions win', async () => {
    const unit = await registerApplicant(t, 'unit', creditCode(11), '并发测试有限公司', 'racer');
    const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
    await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t) });
    await attachEvidenceRow(t, id, unit.userId);
    const auditBefore = await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'application.transition'));

    const responses = await Promise.all(Array.from({ length: 100 }, () => unit.send('POST', `/api/applications/${id}/actions/submit`, {})));
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      expect(['state_conflict', 'wrong_stage']).toContain(refused.json().code);
      expect(refused.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const [history] = await t.database.db.select({ n: count() }).from(applicationHistory).where(and(eq(applicationHistory.applicationId, id), eq(applicationHistory.toState, 'submitted')));
    expect(Number(history.n)).toBe(1);
    const auditAfter = await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'application.transition'));
    expect(Number(auditAfter[0].n) - Number(auditBefore[0].n)).toBe(1);
    expect((await unit.get(`/api/applications/${id}`)).json().versions).toHaveLength(1);
  });

  it('refuses a transition the table does not allow, and one by the wrong role, changing nothing', async () => {
    const unit = await registerApplicant(t, 'unit', creditCode(12), '越权测试有限公司', 'skipper');
    const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
    // The office cannot see a draft at all; the applicant cannot accept its own application.
    expect((await office.send('POST', `/api/applications/${id}/actions/accept`, {})).statusCode).toBe(404);
    const self = await unit.send('POST', `/api/applications/${id}/actions/accept`, {});
    expect(self.json()).toMatchObject({ code: 'wrong_stage' });
    expect(self.statusCode).toBe(409);
    const unknown = await unit.send('POST', `/api/applications/${id}/actions/approveEverything`, {});
    expect(unknown.statusCode).toBe(422);
    expect((await unit.get(`/api/applications/${id}`)).json()).toMatchObject({ state: 'draft', history: [] });
  });

  it('computes working days from the office calendar and refuses an uncovered year by name', async () => {
    const uncovered = await office.get('/api/calendar/working-days?from=2027-01-04&n=3');
    expect(uncovered.statusCode).toBe(422);
    expect(uncovered.json()).toMatchObject({ code: 'calendar_year_not_covered' });
    expect(uncovered.json().message).toContain('2027');
    // Across National Day 2026 (1–7 October off) and its make-up Saturday, 10 October.
    expect((await office.get('/api/calendar/working-days?from=2026-09-30&n=1')).json().date).toBe('2026-10-08');
    expect((await office.get('/api/calendar/working-days?from=2026-10-09&n=1')).json().date).toBe('2026-10-10');

    expect((await office.send('POST', '/api/calendar/years/2027', { note: '国务院办公厅2027年节假日安排' })).statusCode).toBe(204);
    expect((await office.send('PUT', '/api/calendar/overrides/2027-01-01', { kind: 'holiday', note: '元旦' })).statusCode).toBe(200);
    expect((await office.send('PUT', '/api/calendar/overrides/2027-01-04', { kind: 'holiday', note: '元旦调休' })).statusCode).toBe(200);
    // 2026-12-31 (Thu) + 1 working day: Fri 2027-01-01 is a holiday, Mon 01-04 too, so Tue 01-05.
    expect((await office.get('/api/calendar/working-days?from=2026-12-31&n=1')).json().date).toBe('2027-01-05');
    const county = await (async () => {
      await t.createUser('cal_county', ['expert']);
      return t.login('cal_county');
    })();
    expect((await county.send('PUT', '/api/calendar/overrides/2027-01-06', { kind: 'holiday', note: '' })).statusCode).toBe(403);
  });
});
