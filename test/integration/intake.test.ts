import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applicationHistory, applications, notifications } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdfBytes, upload } from './support/files-fixtures.js';
import { attachEvidenceRow, completeIndividualForm, completeUnitForm, creditCode, departmentSessions, idNumber, openEdition, registerApplicant } from './support/intake.js';

describe.each(databaseKinds)('intake from application to qualification on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let county: Session;
  let otherCounty: Session;
  let departments: Session[];
  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-intake-')) });
    await t.createUser('office', ['office']);
    await t.createUser('lanshan', ['county'], await organisationId(t, 'county', '兰山区'));
    await t.createUser('feixian', ['county'], await organisationId(t, 'county', '费县'));
    office = await t.login('office');
    county = await t.login('lanshan');
    otherCounty = await t.login('feixian');
    departments = await departmentSessions(t);
    await openEdition(t, office);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(t.config.dataDir, { recursive: true, force: true });
  });

  it('refuses a credit code with a wrong check character, saying which', async () => {
    const good = creditCode(1);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    await t.app.inject({ method: 'POST', url: '/api/register/code', payload: { email: 'bad@example.cn' } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/register',
      payload: { kind: 'unit', identityCode: bad, name: '错码公司', username: 'badcode', password: 'Applicant-Pass-1', email: 'bad@example.cn', phone: '13800000000', emailCode: '000000' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().fields[0]).toMatchObject({ field: 'identityCode' });
    expect(res.json().fields[0].message).toContain(good[17]);
  });

  it('takes a unit from registration to qualified, every step recorded [Art.14][Art.15]', async () => {
    const unit = await registerApplicant(t, 'unit', creditCode(2), '临沂示范制造有限公司', 'unit2');
    const started = await unit.send('POST', '/api/applications', {});
    expect(started.statusCode).toBe(201);
    const id = started.json().id as string;
    expect((await unit.send('POST', '/api/applications', {})).statusCode).toBe(409);

    // A malformed value is refused field by field, and nothing is saved.
    const bad = await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: { employees: -3, mainBusinessStartedOn: '2015-02-30', nonsense: 1 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['employees', 'mainBusinessStartedOn', 'nonsense']);
    expect((await unit.get(`/api/applications/${id}`)).json().revision).toBe(1);

    // Live eligibility: four years of business is one short of Art. 10 (1).
    const young = await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: { mainBusinessStartedOn: '2022-06-01' } });
    expect(young.json().eligibility.failures).toEqual([expect.objectContaining({ code: 'businessYears', article: '第十条第（一）项' })]);

    const filled = await unit.send('PATCH', `/api/applications/${id}`, { revision: 2, form: await completeUnitForm(t) });
    expect(filled.statusCode).toBe(200);
    expect(filled.json().eligibility.eligible).toBe(true);
    expect(filled.json().preference).toMatchObject({ categories: ['strategic_emerging'], tiebreakRank: 1 });
    expect(filled.json().preference.explanation).toContain('得分相同时优先排序');
    expect(filled.json().missing).toEqual([{ key: 'evidence', label: '证明材料（至少上传一份）' }]);
    const stale = await unit.send('PATCH', `/api/applications/${id}`, { revision: 2, form: { address: '旧窗口' } });
    expect(stale.statusCode).toBe(409);

    const incomplete = await unit.send('POST', `/api/applications/${id}/actions/submit`, {});
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().message).toContain('申报材料不齐全');
    const uploaded = await upload(t, unit, id, { name: '营业执照及质量管理体系证书.pdf', content: pdfBytes(2048) });
    expect(uploaded.statusCode).toBe(201);
    const submitted = await unit.send('POST', `/api/applications/${id}/actions/submit`, {});
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'submitted', versions: [{ version: 1 }] });
    expect((await unit.send('PATCH', `/api/applications/${id}`, { revision: 3, form: { address: '改' } })).statusCode).toBe(409);

    // Only the applicant's own county sees it.
    expect((await otherCounty.get(`/api/applications/${id}`)).statusCode).toBe(404);
    expect((await otherCounty.get('/api/applications')).json().items).toEqual([]);
    expect((await county.get('/api/tasks')).json().items.map((x: { kind: string }) => x.kind)).toContain('application.recommend');
    const wrongCounty = await otherCounty.send('POST', `/api/applications/${id}/actions/recommend`, { payload: { opinion: '同意', signer: '某', signedOn: '2026-11-30' } });
    expect(wrongCounty.statusCode).toBe(404);

    const recommended = await county.send('POST', `/api/applications/${id}/actions/recommend`, { payload: { opinion: '同意推荐', signer: '李科长', signedOn: '2026-11-30' } });
    expect(recommended.json()).toMatchObject({ state: 'recommended', countyOpinion: { recommend: true, signer: '李科长' } });

    const accepted = await office.send('POST', `/api/applications/${id}/actions/accept`, {});
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().state).toBe('qualification_review');
    // 10 working days from Monday 2026-11-30: 2026-12-14.
    expect(accepted.json().qualification.dueOn).toBe('2026-12-14');
    expect(accepted.json().qualification.reviews).toHaveLength(9);

    for (const [i, dept] of departments.entries()) {
      const res = await dept.send('POST', `/api/applications/${id}/qualification`, { decision: 'pass', reasons: '无不良记录' });
      expect(res.statusCode).toBe(200);
      expect(res.json().state).toBe(i < departments.length - 1 ? 'qualification_review' : 'qualified');
    }
    expect((await departments[0].send('POST', `/api/applications/${id}/qualification`, { decision: 'fail', reasons: '迟到的异议' })).statusCode).toBe(409);

    const history = await t.database.db.select().from(applicationHistory).where(eq(applicationHistory.applicationId, id));
    expect(history.map((h) => h.toState)).toEqual(['submitted', 'recommended', 'accepted', 'qualification_review', 'qualified']);
    const inbox = await t.database.db.select().from(notifications).where(eq(notifications.userId, unit.userId));
    expect(inbox.map((n) => n.kind).sort()).toEqual(['application.accepted', 'application.qualified']);
  });

  it('disqualifies an individual on a department objection, with the reason shown to the applicant [Art.15]', async () => {
    const person = await registerApplicant(t, 'individual', idNumber(7), '陈质量', 'person7');
    const id = (await person.send('POST', '/api/applications', {})).json().id as string;
    await person.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeIndividualForm(t) });
    await attachEvidenceRow(t, id, person.userId);
    expect((await person.send('POST', `/api/applications/${id}/actions/submit`, {})).statusCode).toBe(200);
    await county.send('POST', `/api/applications/${id}/actions/recommend`, { payload: { opinion: '同意', signer: '李科长', signedOn: '2026-11-30' } });
    await office.send('POST', `/api/applications/${id}/actions/accept`, {});

    const failing = departments[3];
    expect((await failing.send('POST', `/api/applications/${id}/qualification`, { decision: 'fail', reasons: '' })).statusCode).toBe(422);
    await failing.send('POST', `/api/applications/${id}/qualification`, { decision: 'fail', reasons: '所在单位2025年发生一般安全事故，正在调查' });
    for (const dept of departments.filter((d) => d !== failing)) await dept.send('POST', `/api/applications/${id}/qualification`, { decision: 'pass' });
    expect((await office.get(`/api/applications/${id}`)).json().state).toBe('qualification_review');
    // Before the office rules, neither the applicant nor another department sees the objection.
    const pending = (await person.get(`/api/applications/${id}`)).json();
    expect(pending).toMatchObject({ state: 'qualification_review', qualification: null, outcomeReason: null });
    expect(JSON.stringify(pending)).not.toContain('安全事故');
    const other = (await departments[0].get(`/api/applications/${id}`)).json();
    expect(other.qualification.reviews.map((r: { departmentId: string }) => r.departmentId)).toEqual([other.qualification.reviews[0].departmentId]);
    expect(JSON.stringify(other)).not.toContain('安全事故');
    expect((await office.get('/api/tasks')).json().items.map((x: { kind: string }) => x.kind)).toContain('qualification.objection');

    const matrix = (await office.get(`/api/editions/${(await office.get(`/api/applications/${id}`)).json().editionId}/qualification-matrix`)).json();
    const row = matrix.rows.find((r: { applicationId: string }) => r.applicationId === id);
    expect(Object.values(row.cells).filter((c) => c === 'failed')).toHaveLength(1);

    const disqualified = await office.send('POST', `/api/applications/${id}/actions/disqualify`, { reason: '资格审查部门提出异议：所在单位发生安全事故' });
    expect(disqualified.json().state).toBe('disqualified');
    const seen = (await person.get(`/api/applications/${id}`)).json();
    expect(seen).toMatchObject({ state: 'disqualified', stateLabel: '资格审查未通过', outcomeReason: '资格审查部门提出异议：所在单位发生安全事故' });
    // The applicant reads the office's confirmed reason, not the departments' working opinions.
    expect(seen.qualification).toBeNull();
  });

  it('closes the other departments\' tasks when the office disqualifies on an early objection [Art.15]', async () => {
    const person = await registerApplicant(t, 'individual', idNumber(8), '李早停', 'person8');
    const id = (await person.send('POST', '/api/applications', {})).json().id as string;
    await person.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeIndividualForm(t) });
    await attachEvidenceRow(t, id, person.userId);
    await person.send('POST', `/api/applications/${id}/actions/submit`, {});
    await county.send('POST', `/api/applications/${id}/actions/recommend`, { payload: { opinion: '同意', signer: '李科长', signedOn: '2026-11-30' } });
    await office.send('POST', `/api/applications/${id}/actions/accept`, {});
    await departments[0].send('POST', `/api/applications/${id}/qualification`, { decision: 'fail', reasons: '有严重失信记录' });
    await office.send('POST', `/api/applications/${id}/actions/disqualify`, { reason: '有严重失信记录（第十二条第（七）项）' });
    const seen = (await office.get(`/api/applications/${id}`)).json();
    expect(seen.qualification.reviews.map((r: { status: string }) => r.status).sort()).toEqual([...Array(8).fill('closed'), 'failed']);
    const pendingTasks = (await departments[1].get('/api/tasks')).json().items.map((x: { link: string }) => x.link);
    expect(pendingTasks).not.toContain(`/applications/${id}`);
  });

  it('bars a previous winner, revoked ones included (Art. 6), matched by credit code across editions [Art.6]', async () => {
    const { winners } = await import('../../src/db/schema/index.js');
    await t.database.db.insert(winners).values({ identityCode: creditCode(5), name: '往届获奖有限公司', kind: 'unit', category: 'award', revokedAt: new Date('2024-05-01T00:00:00Z') });
    const unit = await registerApplicant(t, 'unit', creditCode(5), '往届获奖有限公司', 'unit5');
    const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
    const saved = await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t) });
    expect(saved.json().eligibility.failures).toEqual([expect.objectContaining({ code: 'previousWinner', article: '第六条' })]);
    await attachEvidenceRow(t, id, unit.userId);
    const refused = await unit.send('POST', `/api/applications/${id}/actions/submit`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('申报条件不符合');
  });

  it('keeps every version when an application is returned and resubmitted', async () => {
    const unit = await registerApplicant(t, 'unit', creditCode(3), '临沂返工有限公司', 'unit3');
    const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
    await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t, { address: '第一版地址' }) });
    await attachEvidenceRow(t, id, unit.userId);
    await unit.send('POST', `/api/applications/${id}/actions/submit`, {});
    await county.send('POST', `/api/applications/${id}/actions/recommend`, { payload: { opinion: '同意', signer: '李科长', signedOn: '2026-11-30' } });
    expect((await office.send('POST', `/api/applications/${id}/actions/returnForCorrection`, { reason: '' })).statusCode).toBe(422);
    const returned = await office.send('POST', `/api/applications/${id}/actions/returnForCorrection`, { reason: '自我评价报告4.7.4缺少财务数据' });
    expect(returned.json()).toMatchObject({ state: 'returned', correctionDueOn: '2026-12-07', outcomeReason: '自我评价报告4.7.4缺少财务数据' });

    const app = (await unit.get(`/api/applications/${id}`)).json();
    await unit.send('PATCH', `/api/applications/${id}`, { revision: app.revision, form: { address: '第二版地址' } });
    const resubmitted = await unit.send('POST', `/api/applications/${id}/actions/resubmit`, {});
    expect(resubmitted.json().state).toBe('submitted');
    expect(resubmitted.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await unit.get(`/api/applications/${id}/versions/1`)).json().form.address).toBe('第一版地址');
    expect((await office.get(`/api/applications/${id}/versions/2`)).json().form.address).toBe('第二版地址');

    // The county signs again for the second round (this was a 500, duplicate key): the first round's opinion is kept, not shown as current.
    expect(resubmitted.json()).toMatchObject({ countyOpinion: null, countyOpinions: [{ round: 1, opinion: '同意' }] });
    const again = await county.send('POST', `/api/applications/${id}/actions/recommend`, { payload: { opinion: '补正后同意推荐', signer: '李科长', signedOn: '2026-11-30' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ state: 'recommended', countyOpinion: { round: 2, opinion: '补正后同意推荐' } });
    expect(again.json().countyOpinions.map((o: { round: number }) => o.round)).toEqual([2, 1]);
    expect((await office.send('POST', `/api/applications/${id}/actions/accept`, {})).json().state).toBe('qualification_review');
  });

  it('lets the county decline a resubmitted application, and the office return it a second time [Art.14]', async () => {
    t.clock.advance(5 * 60_000); // past the per-client limit on verification e-mails
    const unit = await registerApplicant(t, 'unit', creditCode(6), '临沂二轮有限公司', 'unit6');
    const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
    await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t) });
    await attachEvidenceRow(t, id, unit.userId);
    await unit.send('POST', `/api/applications/${id}/actions/submit`, {});
    await county.send('POST', `/api/applications/${id}/actions/recommend`, { payload: { opinion: '同意', signer: '李科长', signedOn: '2026-11-30' } });
    await office.send('POST', `/api/applications/${id}/actions/returnForCorrection`, { reason: '第一次补正', payload: { correctionDueOn: '2026-12-20' } });
    expect((await unit.send('POST', `/api/applications/${id}/actions/resubmit`, {})).json().state).toBe('submitted');
    await county.send('POST', `/api/applications/${id}/actions/recommend`, { payload: { opinion: '再次同意', signer: '李科长', signedOn: '2026-11-30' } });
    const second = await office.send('POST', `/api/applications/${id}/actions/returnForCorrection`, { reason: '第二次补正' });
    expect(second.json()).toMatchObject({ state: 'returned', correctionDueOn: '2026-12-07' });
    await unit.send('POST', `/api/applications/${id}/actions/resubmit`, {});
    const declined = await county.send('POST', `/api/applications/${id}/actions/notRecommend`, { payload: { opinion: '第三轮不予推荐', signer: '李科长', signedOn: '2026-11-30' } });
    expect(declined.json()).toMatchObject({ state: 'not_recommended', countyOpinion: { round: 3, recommend: false }, outcomeReason: '第三轮不予推荐' });
  });

  it('enforces the deadline on the server clock and lets the applicant withdraw [Art.14]', async () => {
    const early = await registerApplicant(t, 'unit', creditCode(4), '临沂迟到有限公司', 'unit4');
    const id = (await early.send('POST', '/api/applications', {})).json().id as string;
    await early.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t) });
    await attachEvidenceRow(t, id, early.userId);
    t.clock.set('2026-12-31T15:40:00Z');
    const unit = await t.login('unit4', 'Applicant-Pass-1');
    t.clock.set('2026-12-31T15:59:59Z'); // 23:59:59 in Shanghai: still open
    const [{ revision }] = await t.database.db.select({ revision: applications.revision }).from(applications).where(eq(applications.id, id));
    expect((await unit.send('PATCH', `/api/applications/${id}`, { revision, form: { address: '最后一刻' } })).statusCode).toBe(200);
    t.clock.set('2026-12-31T16:00:01Z'); // past midnight in Shanghai
    const late = await unit.send('PATCH', `/api/applications/${id}`, { revision: revision + 1, form: { address: '迟到' } });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'deadline_passed', message: '已超过申报（补正）截止时间，申报材料只读' });
    expect((await unit.get(`/api/applications/${id}`)).json().abilities).toMatchObject({ edit: { allowed: false, code: 'deadline_passed' }, upload: { allowed: false, code: 'deadline_passed' } });
    expect((await unit.get(`/api/applications/${id}`)).json().actions.find((a: { action: string }) => a.action === 'submit')).toMatchObject({ allowed: false, code: 'guard_failed', message: expect.stringContaining('已超过申报截止时间') });
    const lateSubmit = await unit.send('POST', `/api/applications/${id}/actions/submit`, {});
    expect(lateSubmit.statusCode).toBe(422);
    expect(lateSubmit.json().message).toContain('已超过申报截止时间');
    expect((await unit.send('POST', `/api/applications/${id}/actions/withdraw`, { reason: '' })).statusCode).toBe(422);
    const withdrawn = await unit.send('POST', `/api/applications/${id}/actions/withdraw`, { reason: '决定下届再申报' });
    expect(withdrawn.json().state).toBe('withdrawn');
    t.clock.set('2026-11-30T02:00:00Z');
  });
});
