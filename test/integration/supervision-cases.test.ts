import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, auditLog, decisions, editions, expertDisqualifications, experts, fileReads, files, notifications, organisations, panelAssignments, ruleProfiles, winners } from '../../src/db/schema/index.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { databaseKinds } from './support/databases.js';
import { attachEvidenceRow, completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';
import { pdfBytes, pngBytes } from './support/files-fixtures.js';
import { applicationIn, snapshot, standingWinner, uploadEvidence } from './support/supervision.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cases-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const CASES = '/api/supervision/cases';
const DOC = { documentNumber: '临质强字〔2026〕9号', decidedOn: '2026-11-30', reason: '经查证属实，依第二十八条处理' };

describe.each(databaseKinds)('supervision cases on %s', (kind) => {
  let t: TestApp;
  let office: Session, leadership: Session, government: Session, committee: Session, auditor: Session, agency: Session, applicant: Session;
  let editionId: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: fs.mkdtempSync(path.join(work, 'data-')) });
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    t.tolerateBroken('lifecycle.history-chain', 'case decisions move applications from the state the fixture seeded, not from draft');
    t.tolerateBroken('files.content', 'file rows are seeded with a placeholder sha256 and no bytes');
    t.tolerateBroken('quotas.published', 'more winners are seeded directly than the quota allows');
    t.tolerateBroken('awards.winner-decision', 'winner rows are inserted directly, without a government decision');
    const roles = { office: 'office', leadership: 'leadership', government: 'government', committee: 'committee', auditor: 'auditadmin', agency: 'agency' } as const;
    const [agencyOrg] = await t.database.db.insert(organisations).values({ name: '监督测试评价机构', kind: 'agency' }).returning();
    for (const [name, role] of Object.entries(roles)) await t.createUser(`sc_${name}`, [role], role === 'agency' ? agencyOrg.id : null);
    [office, leadership, government, committee, auditor, agency] = await Promise.all(Object.keys(roles).map((n) => t.login(`sc_${n}`)));
    editionId = await openEdition(t, office);
    await t.database.db.update(editions).set({ resultsPublishedAt: t.clock.now() }).where(eq(editions.id, editionId));
    applicant = await registerApplicant(t, 'unit', creditCode(3900), '被监督有限公司', 'sc_applicant');
  });
  afterAll(() => t.close());

  const open = (as: Session, body: Record<string, unknown>) => as.send('POST', CASES, { editionId, facts: '经群众举报，该单位申报材料中的质量数据弄虚作假。', ...body });
  const step = (as: Session, id: string, name: string, body: unknown) => as.send('POST', `${CASES}/${id}/${name}`, body);
  const stepsOf = (res: { json(): { steps: Array<{ step: string; allowed: boolean; reason: string | null }> } }) => Object.fromEntries(res.json().steps.map((s) => [s.step, s]));

  it('revokes an award through every step: public pages and the certificate say revoked, recovery follows the ledger [Art.28]', async () => {
    const w = await standingWinner(t, editionId, applicant);
    // Handed over before the case: money and the trophy.
    expect((await office.send('POST', `/api/winners/${w.winnerId}/payments`, { amountFen: 500_000, paidOn: '2026-11-30', reference: '拨付一' })).statusCode).toBe(201);
    expect((await office.send('POST', `/api/winners/${w.winnerId}/items`, { kind: 'trophy', issuedOn: '2026-11-30', receivedBy: '张三' })).statusCode).toBe(201);

    const up = await uploadEvidence(t, office);
    expect(up.statusCode, up.body).toBe(201);
    const opened = await open(office, { kind: 'revocation', applicationId: w.applicationId, groundCode: 'unit_1', fileIds: [up.json().id] });
    expect(opened.statusCode, opened.body).toBe(201);
    const c = opened.json();
    expect(c).toMatchObject({ kind: 'revocation', status: 'open', subjectName: expect.stringContaining('监督测试'), ground: { code: 'unit_1', article: '第二十八条（一）' }, files: [{ id: up.json().id }] });
    expect(c.reference).toMatch(/^JD-2026-\d{4}$/);
    expect(stepsOf(opened).verify).toEqual({ step: 'verify', allowed: true, reason: null });
    expect(stepsOf(opened).propose.allowed).toBe(false);
    // One open revocation case per winner.
    expect((await open(office, { kind: 'revocation', applicationId: w.applicationId, groundCode: 'unit_2' })).statusCode).toBe(409);

    // The leadership reads the evidence; the read is logged.
    const download = await leadership.get(`${CASES}/${c.id}/files/${up.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await t.database.db.select().from(fileReads).where(and(eq(fileReads.fileId, up.json().id), eq(fileReads.userId, leadership.userId)))).toHaveLength(1);

    const verified = await step(office, c.id, 'verify', { finding: 'substantiated', verification: '经核查，数据造假属实。' });
    expect(verified.json()).toMatchObject({ status: 'verified', finding: 'substantiated' });
    expect(stepsOf(await leadership.get(`${CASES}/${c.id}`)).propose).toEqual({ step: 'propose', allowed: true, reason: null });
    const proposed = await step(leadership, c.id, 'propose', DOC);
    expect(proposed.json()).toMatchObject({ status: 'proposed', proposal: { documentNumber: DOC.documentNumber, decidedOn: DOC.decidedOn } });
    const [app1] = await t.database.db.select().from(applications).where(eq(applications.id, w.applicationId));
    expect(app1.state).toBe('awarded');

    const decided = await step(government, c.id, 'decide', { ...DOC, documentNumber: '临政字〔2026〕40号' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'decided', outcome: 'revoked', decision: { documentNumber: '临政字〔2026〕40号' } });
    const [app2] = await t.database.db.select().from(applications).where(eq(applications.id, w.applicationId));
    expect(app2.state).toBe('revoked');
    const [winner] = await t.database.db.select().from(winners).where(eq(winners.id, w.winnerId));
    expect(winner.revokedAt).not.toBeNull();
    expect((await t.database.db.select().from(notifications).where(eq(notifications.userId, applicant.userId))).length).toBeGreaterThan(0);

    const publicWinners = (await t.app.inject({ method: 'GET', url: `/api/public/editions/${editionId}/winners` })).json();
    expect(publicWinners.winners.find((x: { id: string }) => x.id === w.winnerId).revoked).toBe(true);
    const verification = (await t.app.inject({ method: 'GET', url: `/api/public/certificates/${w.serial}/verify` })).json();
    expect(verification.status).toBe('revoked');

    // Not public until announced.
    const listed = async () => (await t.app.inject({ method: 'GET', url: '/api/public/revocations' })).json().items.map((i: { reference: string }) => i.reference);
    expect(await listed()).not.toContain(c.reference);
    expect((await step(office, c.id, 'close', { reason: '提前结案' })).json().code).toBe('case_step');
    const announced = await step(office, c.id, 'announce', { announcement: '撤销该单位市长质量奖荣誉，收回奖杯和奖金。', announcedOn: '2026-12-01' });
    expect(announced.json()).toMatchObject({ status: 'announced', announcedOn: '2026-12-01' });
    const pub = (await t.app.inject({ method: 'GET', url: '/api/public/revocations' })).json().items.find((i: { reference: string }) => i.reference === c.reference);
    expect(pub).toMatchObject({ winnerName: winner.name, groundArticle: '第二十八条（一）', documentNumber: '临政字〔2026〕40号', announcedOn: '2026-12-01' });
    expect(JSON.stringify(pub)).not.toContain('弄虚作假，采取');

    // Recovery through the awards ledger, summarised on the case.
    await office.send('POST', `/api/winners/${w.winnerId}/payments`, { amountFen: -300_000, paidOn: '2026-12-02', reference: '追回一' });
    await office.send('POST', `/api/winners/${w.winnerId}/items/trophy/recovery`, { recoveredOn: '2026-12-02' });
    const closed = await step(office, c.id, 'close', { reason: '奖金部分追回，奖杯已收回，结案。' });
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'revoked', recovery: { winnerId: w.winnerId, moneyPaidFen: 500_000, moneyRecoveredFen: 300_000, itemsOut: [], itemsRecovered: ['奖杯'] } });
    expect(await listed()).toContain(c.reference);
    const trail = await t.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(trail.map((a) => a.action)).toEqual(['case.open', 'case.verify', 'case.propose', 'case.decide', 'case.announce', 'case.close']);
  });

  it('refuses each step for the wrong role (403 wrong_role) and the wrong status (409 case_step), writing nothing', async () => {
    const w = await standingWinner(t, editionId, applicant);
    const c = (await open(office, { kind: 'revocation', applicationId: w.applicationId, groundCode: 'unit_3' })).json();
    const before = await snapshot(t, c.id);
    const wrongRole: Array<[Session, string, unknown]> = [
      [leadership, 'verify', { finding: 'substantiated', verification: '核查' }],
      [office, 'propose', DOC],
      [leadership, 'decide', DOC],
      [government, 'announce', { announcement: '公告', announcedOn: '2026-12-01' }],
      [committee, 'close', { reason: '结案' }],
      [leadership, 'evidence', { fileIds: [c.id] }],
    ];
    for (const [as, name, body] of wrongRole) {
      const res = await step(as, c.id, name, body);
      expect([name, res.statusCode, res.json().code]).toEqual([name, 403, 'wrong_role']);
    }
    const wrongStatus: Array<[Session, string, unknown]> = [
      [leadership, 'propose', DOC],
      [government, 'decide', DOC],
      [office, 'announce', { announcement: '公告', announcedOn: '2026-12-01' }],
      [office, 'close', { reason: '结案' }],
      [office, 'disqualify-expert', { reason: '不适用' }],
    ];
    for (const [as, name, body] of wrongStatus) {
      const res = await step(as, c.id, name, body);
      expect([name, res.statusCode, res.json().code]).toEqual([name, 409, 'case_step']);
    }
    expect(await snapshot(t, c.id)).toEqual(before);
    // The reason the browser shows is the one the server refuses with.
    const asGovernment = stepsOf(await government.get(`${CASES}/${c.id}`));
    expect(asGovernment.decide).toEqual({ step: 'decide', allowed: false, reason: (await step(government, c.id, 'decide', DOC)).json().message });
    expect(stepsOf(await leadership.get(`${CASES}/${c.id}`)).verify.reason).toBe((await step(leadership, c.id, 'verify', { finding: 'substantiated', verification: '核查' })).json().message);
    // The committee reports, but a revocation case is the office's.
    expect((await open(committee, { kind: 'revocation', applicationId: w.applicationId, groundCode: 'unit_3' })).json().code).toBe('wrong_role');
  });

  it('a step that fails inside its transaction (the procedure refuses the move) leaves case, decisions and trail as they were', async () => {
    const w = await standingWinner(t, editionId, applicant);
    const c = (await open(office, { kind: 'revocation', applicationId: w.applicationId, groundCode: 'unit_4' })).json();
    await step(office, c.id, 'verify', { finding: 'substantiated', verification: '属实' });
    await step(leadership, c.id, 'propose', DOC);
    // Meanwhile the application left 'awarded' (as if another decision moved it): the revocation cannot move it.
    await t.database.db.update(applications).set({ state: 'not_awarded' }).where(eq(applications.id, w.applicationId));
    const before = await snapshot(t, c.id);
    const res = await step(government, c.id, 'decide', DOC);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('wrong_stage');
    expect(await snapshot(t, c.id)).toEqual(before);
    const [winner] = await t.database.db.select().from(winners).where(eq(winners.id, w.winnerId));
    expect(winner.revokedAt).toBeNull();
  });

  it('refuses bad input with 4xx and the fields: NUL in text, an unknown ground, a file of another purpose or uploader', async () => {
    const w = await standingWinner(t, editionId, applicant);
    const nul = await open(office, { kind: 'revocation', applicationId: w.applicationId, groundCode: 'unit_1', facts: '事实\u0000' });
    expect(nul.statusCode).toBeGreaterThanOrEqual(400);
    expect(nul.statusCode).toBeLessThan(500);
    expect(JSON.stringify(nul.json().fields)).toContain('facts');
    const ground = await open(office, { kind: 'revocation', applicationId: w.applicationId, groundCode: 'individual_2' });
    expect([ground.statusCode, ground.json().fields]).toEqual([422, [expect.objectContaining({ field: 'groundCode' })]]);
    const missing = await open(office, { kind: 'revocation' });
    expect(missing.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['applicationId', 'groundCode']);
    const [material] = await t.database.db.insert(files).values({ sha256: 'a'.repeat(64), size: 10, mimeType: 'application/pdf', originalName: '申报书.pdf', purpose: 'evidence', applicationId: w.applicationId, uploadedBy: office.userId }).returning();
    const other = await open(office, { kind: 'revocation', applicationId: w.applicationId, groundCode: 'unit_1', fileIds: [material.id] });
    expect([other.statusCode, other.json().fields]).toEqual([422, [expect.objectContaining({ field: 'fileIds.0' })]]);
    const committeesUpload = (await uploadEvidence(t, committee, pngBytes(), '照片.png')).json();
    const notMine = await open(office, { kind: 'revocation', applicationId: w.applicationId, groundCode: 'unit_1', fileIds: [committeesUpload.id] });
    expect(notMine.json().fields).toEqual([expect.objectContaining({ field: 'fileIds.0' })]);
    const text = await uploadEvidence(t, office, Buffer.from('just text'), 'a.txt');
    expect(text.statusCode).toBe(415);
    const nulName = await uploadEvidence(t, office, pdfBytes(), '证据\u0000.pdf');
    expect([nulName.statusCode, nulName.json().fields?.map((f: { field: string }) => f.field)]).toEqual([422, ['file.filename']]);
    expect((await uploadEvidence(t, applicant)).statusCode).toBe(403);
    const notAwarded = await open(office, { kind: 'revocation', applicationId: await applicationIn(t, editionId, applicant, 'candidate'), groundCode: 'unit_1' });
    expect(notAwarded.json().fields).toEqual([expect.objectContaining({ field: 'applicationId' })]);
  });

  it('closes without revocation: unsubstantiated at verification, or declined after the proposal [Art.28]', async () => {
    const a = await standingWinner(t, editionId, applicant);
    const c1 = (await open(office, { kind: 'revocation', applicationId: a.applicationId, groundCode: 'unit_5' })).json();
    const v = await step(office, c1.id, 'verify', { finding: 'unsubstantiated', verification: '查无实据。' });
    expect(v.json()).toMatchObject({ status: 'closed', outcome: 'no_action', finding: 'unsubstantiated' });
    // The winner may face a new case once the first is closed.
    const c2 = (await open(office, { kind: 'revocation', applicationId: a.applicationId, groundCode: 'unit_6' })).json();
    await step(office, c2.id, 'verify', { finding: 'substantiated', verification: '属实' });
    await step(leadership, c2.id, 'propose', DOC);
    expect(stepsOf(await office.get(`${CASES}/${c2.id}`)).close.allowed).toBe(true);
    const closed = await step(office, c2.id, 'close', { reason: '市政府决定不予撤销。' });
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'no_action', closeReason: '市政府决定不予撤销。' });
    expect((await step(government, c2.id, 'decide', DOC)).json().code).toBe('case_step');
    const [app] = await t.database.db.select().from(applications).where(eq(applications.id, a.applicationId));
    expect(app.state).toBe('awarded');
    expect((await t.database.db.select().from(winners).where(eq(winners.id, a.winnerId)))[0].revokedAt).toBeNull();
  });

  it("an applicant case excludes an application in the procedure (Art. 25); the reporter and the applicant hear of it [Art.25]", async () => {
    const appId = await applicationIn(t, editionId, applicant, 'candidate');
    const reported = await open(committee, { kind: 'applicant', applicationId: appId });
    expect(reported.statusCode, reported.body).toBe(201);
    const c = reported.json();
    expect(stepsOf(await committee.get(`${CASES}/${c.id}`)).verify).toMatchObject({ allowed: false });
    await step(office, c.id, 'verify', { finding: 'substantiated', verification: '违规属实。' });
    expect(stepsOf(await leadership.get(`${CASES}/${c.id}`)).decide.allowed).toBe(false);
    const ruled = await step(leadership, c.id, 'propose', { ...DOC, documentNumber: '临质强字〔2026〕11号' });
    expect(ruled.json()).toMatchObject({ status: 'closed', outcome: 'excluded', proposal: { documentNumber: '临质强字〔2026〕11号' } });
    const [app] = await t.database.db.select().from(applications).where(eq(applications.id, appId));
    expect(app.state).toBe('excluded');
    const [ruling] = await t.database.db.select().from(decisions).where(eq(decisions.documentNumber, '临质强字〔2026〕11号'));
    expect(ruling.kind).toBe('misconduct_ruling');
    const told = await t.database.db.select().from(notifications).where(eq(notifications.userId, committee.userId));
    expect(told.map((n) => n.title).join()).toContain(c.reference);
  });

  it('an applicant case against a winner follows the revocation path (proposal, then the government) [Art.25][Art.28]', async () => {
    const w = await standingWinner(t, editionId, applicant);
    const c = (await open(office, { kind: 'applicant', applicationId: w.applicationId })).json();
    await step(office, c.id, 'verify', { finding: 'substantiated', verification: '属实' });
    expect((await step(leadership, c.id, 'propose', DOC)).json()).toMatchObject({ status: 'proposed', outcome: null });
    expect((await step(government, c.id, 'decide', DOC)).json()).toMatchObject({ status: 'decided', outcome: 'revoked' });
    expect((await t.database.db.select().from(applications).where(eq(applications.id, w.applicationId)))[0].state).toBe('revoked');
  });

  it('a staff case: reported by the committee, verified, closed as referred; no proposal applies [Art.26]', async () => {
    const c = (await open(committee, { kind: 'staff', staffName: '李四', staffUnit: '市市场监督管理局' })).json();
    expect(c).toMatchObject({ kind: 'staff', subjectName: '李四', staffUnit: '市市场监督管理局' });
    await step(office, c.id, 'verify', { finding: 'substantiated', verification: '泄露评审信息属实。' });
    expect((await step(leadership, c.id, 'propose', DOC)).json().code).toBe('case_step');
    expect((await step(office, c.id, 'close', { reason: '移交所在单位处理。' })).json()).toMatchObject({ status: 'closed', outcome: 'referred' });
    expect((await open(committee, { kind: 'staff', staffName: '王五' })).json().fields).toEqual([expect.objectContaining({ field: 'staffUnit' })]);
  });

  it('an expert case: reported, verified, the office disqualifies the expert (Art. 26); a second disqualification writes nothing [Art.26]', async () => {
    const db = t.database.db;
    const [org] = await db.insert(organisations).values({ name: '专家案件评价机构', kind: 'agency' }).returning();
    const [expert] = await db.insert(experts).values({ agencyId: org.id, name: '钱专家', unit: '某大学', title: '教授', industries: ['C'], phone: '13900000001', maxLoad: 5 }).returning();
    await db.insert(panelAssignments).values({ editionId, stage: 'material', applicationId: await applicationIn(t, editionId, applicant, 'material_review'), expertId: expert.id });
    const subjects = (await committee.get(`/api/supervision/subjects?editionId=${editionId}&kind=expert`)).json().items;
    expect(subjects).toEqual([{ id: expert.id, name: '钱专家', detail: '某大学' }]);
    const c = (await open(committee, { kind: 'expert', expertId: expert.id, facts: '该专家收受申报单位财物，打分明显偏袒。' })).json();
    expect((await step(office, c.id, 'disqualify-expert', { reason: '未核查' })).json().code).toBe('case_step');
    await step(office, c.id, 'verify', { finding: 'substantiated', verification: '收受财物属实。' });
    expect(stepsOf(await office.get(`${CASES}/${c.id}`)).disqualifyExpert.allowed).toBe(true);
    expect((await step(leadership, c.id, 'disqualify-expert', { reason: '越权' })).statusCode).toBe(403);
    const done = await step(office, c.id, 'disqualify-expert', { reason: '违反评审纪律，取消本届评审资格。' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'closed', outcome: 'expert_disqualified', expertId: expert.id });
    const [record] = await db.select().from(expertDisqualifications).where(eq(expertDisqualifications.expertId, expert.id));
    expect(record.caseId).toBe(c.id);
    // A second case on the same expert: the disqualification refuses inside the step's transaction.
    const again = (await open(office, { kind: 'expert', expertId: expert.id })).json();
    await step(office, again.id, 'verify', { finding: 'substantiated', verification: '再次举报属实。' });
    const before = await snapshot(t, again.id);
    const refused = await step(office, again.id, 'disqualify-expert', { reason: '重复' });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'expert_disqualified']);
    expect(await snapshot(t, again.id)).toEqual(before);
  });

  it('readers: the bodies and the audit administrator read; others get 403 on the list and 404 on a case and its files', async () => {
    const c = (await open(committee, { kind: 'staff', staffName: '赵六', staffUnit: '某单位' })).json();
    for (const s of [office, leadership, government, committee, auditor]) {
      expect((await s.get(`${CASES}/${c.id}`)).statusCode).toBe(200);
      expect((await s.get(`${CASES}?editionId=${editionId}&status=open`)).json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    }
    expect((await office.get(CASES)).json().abilities.create).toBe(true);
    expect((await auditor.get(CASES)).json().abilities.create).toBe(false);
    for (const s of [applicant, agency]) {
      expect((await s.get(CASES)).statusCode).toBe(403);
      expect((await s.get(`${CASES}/${c.id}`)).statusCode).toBe(404);
    }
    const up = (await uploadEvidence(t, office)).json();
    await step(office, c.id, 'evidence', { fileIds: [up.id], note: '补充' });
    expect((await agency.get(`${CASES}/${c.id}/files/${up.id}`)).statusCode).toBe(404);
    expect((await t.database.db.select().from(fileReads).where(eq(fileReads.fileId, up.id))).length).toBe(0);
    expect((await auditor.get(`${CASES}/${c.id}/files/${up.id}`)).statusCode).toBe(200);
  });

  it('subjects and grounds: winners for revocation, the edition’s list for the winner’s kind [Art.28]', async () => {
    const w = await standingWinner(t, editionId, applicant);
    const subjects = (await office.get(`/api/supervision/subjects?editionId=${editionId}&kind=revocation`)).json().items.map((s: { id: string }) => s.id);
    expect(subjects).toContain(w.applicationId);
    const grounds = (await office.get(`/api/supervision/grounds?applicationId=${w.applicationId}`)).json().items;
    expect(grounds).toHaveLength(11);
    expect((await leadership.get(`/api/supervision/subjects?editionId=${editionId}&kind=revocation`)).statusCode).toBe(403);
  });

  it('bars a revoked unit from applying in a later edition when the profile says so (Art. 6, 28) [Art.6][Art.28]', async () => {
    const db = t.database.db;
    const code = creditCode(3950);
    const unit = await registerApplicant(t, 'unit', code, '被撤销后再申报有限公司', 'sc_barred');
    const [current] = await db.select().from(editions).where(eq(editions.id, editionId));
    const [past] = await db.insert(editions).values({ profileId: current.profileId, number: 0, year: 2025, name: '2025年度市长质量奖', status: 'closed', opensOn: '2025-03-01' }).returning();
    const w = await standingWinner(t, past.id, unit, code);
    const c = (await open(office, { editionId: past.id, kind: 'revocation', applicationId: w.applicationId, groundCode: 'unit_1' })).json();
    await step(office, c.id, 'verify', { finding: 'substantiated', verification: '属实' });
    await step(leadership, c.id, 'propose', DOC);
    expect((await step(government, c.id, 'decide', DOC)).json().outcome).toBe('revoked');

    const [profile] = await db.select().from(ruleProfiles).where(eq(ruleProfiles.id, current.profileId));
    const barredBy = (barred: boolean) => db.update(ruleProfiles).set({ rules: { ...profile.rules, eligibility: { ...profile.rules.eligibility, revokedWinnersBarred: barred } } }).where(eq(ruleProfiles.id, profile.id));
    try {
      await barredBy(true);
      const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
      const saved = await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t) });
      expect(saved.json().eligibility.failures).toEqual([expect.objectContaining({ code: 'previousWinner', article: '第六条', message: expect.stringContaining('撤销') })]);
      await attachEvidenceRow(t, id, unit.userId);
      const submit = await unit.send('POST', `/api/applications/${id}/actions/submit`, {});
      expect(submit.statusCode).toBe(422);
      expect(submit.json().message).toContain('第六条');
      // The same draft under a profile that lets revoked winners apply again: the bar is gone.
      await barredBy(false);
      const again = await unit.send('PATCH', `/api/applications/${id}`, { revision: saved.json().revision, form: {} });
      expect(again.json().eligibility.failures.map((f: { code: string }) => f.code)).not.toContain('previousWinner');
    } finally {
      await db.update(ruleProfiles).set({ rules: profile.rules }).where(eq(ruleProfiles.id, profile.id));
    }
  });
});
