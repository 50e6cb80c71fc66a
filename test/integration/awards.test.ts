import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationHistory, applications, auditLog, certificates, decisionItems, decisions, editions, experts, organisations, panelAssignments, prizeUsageReports, ruleProfiles, scorebooks, winners } from '../../src/db/schema/index.js';
import type { ApplicationState } from '../../src/domain/lifecycle/states.js';
import { DEFAULT_DECISION_SETTINGS } from '../../src/domain/profile/decision-settings.js';
import { scorebookTotals } from '../../src/domain/scoring/scorebook-totals.js';
import { certificateFor } from '../../src/services/awards/certificates.js';
import { recordWinner } from '../../src/services/awards/winners.js';
import { inTransaction } from '../../src/services/context.js';
import { loadEdition } from '../../src/services/technical/actors.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { databaseKinds } from './support/databases.js';
import { completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';
import { organisationId } from './support/fixtures.js';
import { pdfBytes, upload } from './support/files-fixtures.js';

const BASE = 'https://mqa.example.cn';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'awards-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function pdfText(bytes: Buffer): string {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** Renders page 1 with poppler and NO system fonts (an empty fontconfig): only what the PDF embeds can draw. */
function renderGray(bytes: Buffer): { width: number; height: number; data: Uint8ClampedArray } {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  const fontsConf = path.join(work, 'fonts.conf');
  fs.writeFileSync(fontsConf, '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>');
  const pgm = execFileSync('pdftoppm', ['-r', '110', '-gray', '-f', '1', '-l', '1', file], { env: { ...process.env, FONTCONFIG_FILE: fontsConf }, maxBuffer: 64 * 1024 * 1024 });
  // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
  return { width, height, data };
}

describe.each(databaseKinds)('certificates, items, prize money and feedback on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let government: Session;
  let dept: Session;
  let applicant: Session;
  let rival: Session;
  let editionId: string;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: fs.mkdtempSync(path.join(work, 'data-')), PUBLIC_BASE_URL: BASE });
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a published state, without the history the engine writes');
    t.tolerateBroken('lifecycle.history-chain', 'revocations move applications from the state the fixture seeded, not from draft');
    t.tolerateBroken('scorebooks.locked', 'submitted scorebooks are inserted directly for the feedback reports, without a submission record');
    t.tolerateBroken('awards.winner-decision', 'winner rows are inserted directly, without a government decision');
    t.tolerateBroken('awards.revocation', 'winners are marked revoked directly for the certificate checks');
    await t.createUser('aw_office', ['office']);
    await t.createUser('aw_government', ['government']);
    await t.createUser('aw_dept', ['department'], await organisationId(t, 'department', '市质监局'));
    [office, government, dept] = await Promise.all(['aw_office', 'aw_government', 'aw_dept'].map((u) => t.login(u)));
    editionId = await openEdition(t, office);
    applicant = await registerApplicant(t, 'unit', creditCode(910), '证书测试有限公司', 'aw_winner');
    rival = await registerApplicant(t, 'unit', creditCode(911), '同组对手有限公司', 'aw_rival');
    // Prize money for the award type, so payments have a due amount.
    const [edition] = await t.database.db.select().from(editions).where(eq(editions.id, editionId));
    const [profile] = await t.database.db.select().from(ruleProfiles).where(eq(ruleProfiles.id, edition.profileId));
    await t.database.db
      .update(ruleProfiles)
      .set({ rules: { ...profile.rules, decision: { ...DEFAULT_DECISION_SETTINGS, prizeMoney: { award: 500_000 }, usageReportMonths: 12 } } })
      .where(eq(ruleProfiles.id, profile.id));
  });
  afterAll(() => t.close());

  async function application(owner: Session, name: string, state: ApplicationState = 'government_approved'): Promise<string> {
    const [row] = await t.database.db
      .insert(applications)
      .values({ editionId, kind: 'unit', applicantUserId: owner.userId, countyId: await organisationId(t, 'county', '兰山区'), identityCode: creditCode(950 + ++seq), name, state, form: await completeUnitForm(t) })
      .returning();
    return row.id;
  }

  /** Publication's effect, as the publishAward step runs it: the winner row and its certificate in one transaction. */
  async function winner(owner: Session, name: string): Promise<{ winnerId: string; serial: string; applicationId: string }> {
    const applicationId = await application(owner, name);
    const [row] = await t.database.db.select().from(applications).where(eq(applications.id, applicationId));
    const { profile } = await loadEdition(t.database.db, editionId);
    const recorded = await inTransaction(t.systemCtx(), (tctx) => recordWinner(tctx, row, profile, 'award'));
    const certificate = await certificateFor(t.database.db, recorded.id);
    return { winnerId: recorded.id, serial: certificate!.serial, applicationId };
  }

  it('issues a signed, numbered certificate in the step that records the winner, audited [Art.19]', async () => {
    const first = await winner(applicant, '证书测试有限公司');
    const second = await winner(rival, '第二获奖有限公司');
    expect(first.serial).toMatch(/^LY-2026-AU-\d{3}-[A-Z2-7]{10}$/);
    const numbers = [first.serial, second.serial].map((s) => Number(s.split('-')[3])).sort();
    expect(numbers[1] - numbers[0]).toBe(1);
    expect(await certificateFor(t.database.db, first.winnerId)).toEqual({ serial: first.serial, verifyPath: `/verify/${first.serial}` });
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'certificate.issue'), eq(auditLog.entityId, first.winnerId)));
    expect(audits).toHaveLength(1);
  });

  it("the office's publishAward step (the HTTP action) records the winner and issues its certificate in one step", async () => {
    const applicationId = await application(applicant, '公布步骤有限公司');
    const [decision] = await t.database.db.insert(decisions).values({ editionId, kind: 'government_decision', documentNumber: '临政字〔2026〕30号', decidedOn: '2026-11-30', recordedBy: government.userId }).returning();
    await t.database.db.insert(decisionItems).values({ decisionId: decision.id, applicationId, outcome: 'award', category: 'award' });
    const res = await office.send('POST', `/api/applications/${applicationId}/actions/publishAward`, {});
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.database.db.select().from(winners).where(eq(winners.applicationId, applicationId));
    const [certificate] = await t.database.db.select().from(certificates).where(eq(certificates.winnerId, row.id));
    expect(certificate.serial).toMatch(/^LY-2026-AU-\d{3}-[A-Z2-7]{10}$/);
    const page = await t.app.inject({ method: 'GET', url: `/verify/${certificate.serial}` });
    expect(page.body).toContain('公布步骤有限公司');
  });

  it('the public page says 有效 with the award, edition, winner and date; the JSON twin agrees [Art.27]', async () => {
    const { serial } = await winner(applicant, '有效证书有限公司');
    const page = await t.app.inject({ method: 'GET', url: `/verify/${serial}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toContain('证书真实有效');
    expect(page.body).toContain('有效');
    expect(page.body).toContain('有效证书有限公司');
    expect(page.body).toContain('2026年度市长质量奖');
    expect(page.body).toContain('市长质量奖');
    expect(page.body).toContain('2026年11月30日');
    expect(page.body).not.toContain('<script');
    const json = await t.app.inject({ method: 'GET', url: `/api/public/certificates/${serial}/verify` });
    expect(json.json()).toEqual({ status: 'valid', awardLabel: '市长质量奖', editionName: '2026年度市长质量奖', winnerName: '有效证书有限公司', issuedOn: '2026-11-30', revokedOn: null });
  });

  it('one character changed anywhere says 未找到 and nothing else, the same page as nonsense [Art.27]', async () => {
    const { serial } = await winner(applicant, '改号测试有限公司');
    const nonsense = await t.app.inject({ method: 'GET', url: '/verify/nonsense' });
    expect(nonsense.statusCode).toBe(200);
    expect(nonsense.body).toContain('未找到该证书');
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : s[i] === '0' ? '1' : s[i] === '2' ? '3' : 'A') + s.slice(i + 1);
    for (const i of [serial.length - 1, serial.length - 10, 12, 9]) {
      const changed = flip(serial, i);
      expect(changed).not.toBe(serial);
      const page = await t.app.inject({ method: 'GET', url: `/verify/${encodeURIComponent(changed)}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toBe(nonsense.body);
      expect(page.body).not.toContain('改号测试有限公司');
      const json = await t.app.inject({ method: 'GET', url: `/api/public/certificates/${encodeURIComponent(changed)}/verify` });
      expect(json.json()).toEqual({ status: 'not_found', awardLabel: null, editionName: null, winnerName: null, issuedOn: null, revokedOn: null });
    }
  });

  it('a revoked award says 已撤销 with the revocation date [Art.28]', async () => {
    const { serial, winnerId } = await winner(applicant, '撤销测试有限公司');
    await t.database.db.update(winners).set({ revokedAt: new Date('2027-03-15T02:00:00Z') }).where(eq(winners.id, winnerId));
    const page = await t.app.inject({ method: 'GET', url: `/verify/${serial}` });
    expect(page.body).toContain('证书真实，但奖项已被撤销');
    expect(page.body).toContain('已撤销');
    expect(page.body).toContain('2027年3月15日');
    expect(page.body).not.toContain('证书真实有效');
  });

  it('a winner whose application was revoked by the procedure says 已撤销, dated by that step', async () => {
    const { serial, applicationId } = await winner(applicant, '程序撤销有限公司');
    await t.database.db.update(applications).set({ state: 'revoked' }).where(eq(applications.id, applicationId));
    await t.database.db.insert(applicationHistory).values({ applicationId, fromState: 'awarded', toState: 'revoked', at: new Date('2027-04-02T03:00:00Z') });
    const json = await t.app.inject({ method: 'GET', url: `/api/public/certificates/${serial}/verify` });
    expect(json.json()).toMatchObject({ status: 'revoked', winnerName: '程序撤销有限公司', revokedOn: '2027-04-02' });
  });

  it('escapes what it shows', async () => {
    const { serial } = await winner(applicant, '<b>甲&乙</b>公司');
    const page = await t.app.inject({ method: 'GET', url: `/verify/${serial}` });
    expect(page.body).toContain('&lt;b&gt;甲&amp;乙&lt;/b&gt;公司');
    expect(page.body).not.toContain('<b>甲');
  });

  it('the certificate PDF draws with its embedded font alone and its QR code opens the verification page [Art.19][Art.27]', async () => {
    const { serial, winnerId } = await winner(applicant, '二维码测试有限公司');
    const res = await applicant.get(`/api/winners/${winnerId}/certificate.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = res.rawPayload;
    const text = pdfText(bytes);
    for (const shown of ['荣誉证书', '二维码测试有限公司', serial, '2026年度市长质量奖', '临沂市人民政府', '2026年11月30日']) expect(text).toContain(shown);
    const image = renderGray(bytes);
    const qr = jsQR(image.data, image.width, image.height);
    expect(qr?.data).toBe(`${BASE}/verify/${serial}`);
    // The dark pixels of the title area prove the Chinese glyphs were drawn from the embedded font.
    const titleBand = image.data.filter((_, i) => i % 4 === 0 && i / 4 / image.width > image.height * 0.12 && i / 4 / image.width < image.height * 0.25);
    expect(titleBand.some((v) => v < 100)).toBe(true);
    // Who may download it: the winner, office, government; not another applicant nor a department.
    expect((await office.get(`/api/winners/${winnerId}/certificate.pdf`)).statusCode).toBe(200);
    expect((await government.get(`/api/winners/${winnerId}/certificate.pdf`)).statusCode).toBe(200);
    expect((await rival.get(`/api/winners/${winnerId}/certificate.pdf`)).statusCode).toBe(404);
    expect((await dept.get(`/api/winners/${winnerId}/certificate.pdf`)).statusCode).toBe(404);
  }, 60_000);

  it('records items handed over and recovered, and refuses what the winner does not receive or twice [Art.19]', async () => {
    const { winnerId } = await winner(applicant, '奖牌测试有限公司');
    const given = await office.send('POST', `/api/winners/${winnerId}/items`, { kind: 'trophy', issuedOn: '2026-12-01', receivedBy: '王法人' });
    expect(given.statusCode).toBe(201);
    const view = given.json();
    expect(view.items.map((i: { kind: string }) => i.kind)).toEqual(['trophy', 'plaque', 'certificate']);
    expect(view.items[0]).toMatchObject({ kind: 'trophy', issuedOn: '2026-12-01', receivedBy: '王法人', recoveredOn: null });
    expect(view.items[1]).toMatchObject({ kind: 'plaque', issuedOn: null });
    expect((await office.send('POST', `/api/winners/${winnerId}/items`, { kind: 'trophy', issuedOn: '2026-12-02', receivedBy: '李' })).statusCode).toBe(409);
    expect((await applicant.send('POST', `/api/winners/${winnerId}/items`, { kind: 'plaque', issuedOn: '2026-12-01', receivedBy: '王' })).statusCode).toBe(403);
    const early = await office.send('POST', `/api/winners/${winnerId}/items/trophy/recovery`, { recoveredOn: '2026-11-01' });
    expect(early.statusCode).toBe(422);
    const recovered = await office.send('POST', `/api/winners/${winnerId}/items/trophy/recovery`, { recoveredOn: '2027-01-10' });
    expect(recovered.json().items[0].recoveredOn).toBe('2027-01-10');
  });

  it("takes the winner's receipts after the award (Art. 21), and only the winner's, only once awarded [Art.21]", async () => {
    const { winnerId, applicationId } = await winner(applicant, '凭证测试有限公司');
    const receipt = { name: '培训发票.pdf', content: pdfBytes(), purpose: 'prize_usage', contentType: 'application/pdf' };
    // Not yet published: the application is not a winner's.
    expect((await upload(t, applicant, applicationId, receipt)).statusCode).toBe(409);
    await t.database.db.update(applications).set({ state: 'awarded' }).where(eq(applications.id, applicationId));
    const uploaded = await upload(t, applicant, applicationId, receipt);
    expect(uploaded.statusCode).toBe(201);
    // Other materials stay closed after the award, and nobody else files the winner's receipts.
    expect((await upload(t, applicant, applicationId, { ...receipt, purpose: 'evidence' })).statusCode).toBe(409);
    expect([403, 404]).toContain((await upload(t, office, applicationId, receipt)).statusCode);
    await office.send('POST', `/api/winners/${winnerId}/payments`, { amountFen: 1_000_000, paidOn: '2026-11-01', reference: '临财拨〔2026〕9号' });
    const report = await applicant.send('POST', `/api/winners/${winnerId}/usage-reports`, { lines: [{ purpose: 'training', amountFen: 1_000_000, description: '质量管理人员培训' }], fileIds: [uploaded.json().id] });
    expect(report.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(prizeUsageReports).where(eq(prizeUsageReports.winnerId, winnerId));
    expect(row.fileIds).toEqual([uploaded.json().id]);
  });

  it('prize money: due, paid, reported; overdue when paid over a year ago and not fully reported [Art.19][Art.21]', async () => {
    const { winnerId } = await winner(applicant, '奖金测试有限公司');
    const paid = await office.send('POST', `/api/winners/${winnerId}/payments`, { amountFen: 50_000_000, paidOn: '2025-10-20', reference: '临财拨〔2025〕8号' });
    expect(paid.statusCode).toBe(201);
    expect(paid.json().money).toMatchObject({ dueFen: 50_000_000, paidFen: 50_000_000, reportedFen: 0, reportDueOn: '2026-10-20', status: 'overdue', overdue: true });
    expect((await applicant.send('POST', `/api/winners/${winnerId}/payments`, { amountFen: 1, paidOn: '2025-10-20', reference: 'x' })).statusCode).toBe(403);
    const line = (amountFen: number) => ({ purpose: 'training', amountFen, description: '质量管理人员培训' });
    expect((await office.send('POST', `/api/winners/${winnerId}/usage-reports`, { lines: [line(1)] })).json()).toMatchObject({ code: 'not_owner' });
    expect((await rival.send('POST', `/api/winners/${winnerId}/usage-reports`, { lines: [line(1)] })).statusCode).toBe(404);
    const wrongPurpose = await applicant.send('POST', `/api/winners/${winnerId}/usage-reports`, { lines: [{ ...line(1), purpose: 'bonuses' }] });
    expect(wrongPurpose.statusCode).toBe(422);
    const partial = await applicant.send('POST', `/api/winners/${winnerId}/usage-reports`, { lines: [line(30_000_000)] });
    expect(partial.json().money).toMatchObject({ reportedFen: 30_000_000, status: 'overdue', overdue: true });
    const full = await applicant.send('POST', `/api/winners/${winnerId}/usage-reports`, { lines: [{ ...line(20_000_000), purpose: 'laboratory' }] });
    expect(full.json().money).toMatchObject({ reportedFen: 50_000_000, status: 'reported', overdue: false });

    const recent = await winner(applicant, '新近拨付有限公司');
    const fresh = await office.send('POST', `/api/winners/${recent.winnerId}/payments`, { amountFen: 50_000_000, paidOn: '2026-11-01', reference: '临财拨〔2026〕2号' });
    expect(fresh.json().money).toMatchObject({ status: 'awaiting', overdue: false, reportDueOn: '2027-11-01' });

    const board = await office.get(`/api/editions/${editionId}/awards`);
    expect(board.statusCode).toBe(200);
    const rows = board.json().winners as { winnerId: string; money: { overdue: boolean } }[];
    expect(rows.find((w) => w.winnerId === winnerId)!.money.overdue).toBe(false);
    expect(rows.find((w) => w.winnerId === recent.winnerId)!.money.overdue).toBe(false);
    expect((await dept.get(`/api/editions/${editionId}/awards`)).statusCode).toBe(403);
    const mine = await applicant.get('/api/my/awards');
    expect(mine.json().winners.map((w: { name: string }) => w.name)).toContain('奖金测试有限公司');
    expect((await rival.get('/api/my/awards')).json().winners.map((w: { name: string }) => w.name)).not.toContain('奖金测试有限公司');
  });

  it('the feedback report: office always, the applicant after release, never another applicant or an expert named', async () => {
    const db = t.database.db;
    const { profile } = await loadEdition(db, editionId);
    const template = profile.scoringTemplates.unit;
    const codes = template.categories.flatMap((c) => c.items.map((i) => i.code));
    const [agency] = await db.select({ id: organisations.id }).from(organisations).limit(1);
    const expertIds = await Promise.all(
      ['钱专家', '孙专家'].map(async (name) => (await db.insert(experts).values({ agencyId: agency.id, name, unit: '专家单位', title: '高级工程师', industries: ['C'], phone: '13800000000', maxLoad: 50 }).returning())[0].id),
    );
    const mineId = await application(applicant, '反馈本人有限公司', 'not_advanced');
    const otherIds = [await application(rival, '反馈他人甲公司', 'not_advanced'), await application(rival, '反馈他人乙公司', 'not_advanced')];
    const book = (percent: number, note: string) => Object.fromEntries(codes.map((c) => [c, { percent, strengths: `${note}优势${c}`, opportunities: `${note}改进${c}` }]));
    for (const [i, appId] of [mineId, ...otherIds].entries()) {
      for (const [j, expertId] of expertIds.entries()) {
        await db.insert(panelAssignments).values({ editionId, stage: 'material', applicationId: appId, expertId, isLeader: j === 0 });
        const items = book(40 + 10 * i + 5 * j, `专家${j}`);
        await db.insert(scorebooks).values({ editionId, applicationId: appId, stage: 'material', expertId, kind: 'independent', items, total: scorebookTotals(template, items).total, status: 'submitted', submittedAt: new Date() });
      }
    }
    const consensus = book(50, '一致');
    await db.insert(scorebooks).values({ editionId, applicationId: mineId, stage: 'material', expertId: expertIds[0], kind: 'consensus', items: consensus, total: scorebookTotals(template, consensus).total, status: 'submitted', submittedAt: new Date() });

    expect((await applicant.get(`/api/applications/${mineId}/feedback.pdf`)).statusCode).toBe(404);
    expect((await applicant.get('/api/my/awards')).json().feedback).toEqual([]);
    const listed = (await office.get(`/api/editions/${editionId}/awards`)).json().feedback.map((f: { applicationId: string }) => f.applicationId);
    expect(listed.sort()).toEqual([mineId, ...otherIds].sort());
    const byOffice = await office.get(`/api/applications/${mineId}/feedback.pdf`);
    expect(byOffice.statusCode).toBe(200);
    expect((await applicant.send('POST', `/api/editions/${editionId}/feedback/release`)).statusCode).toBe(403);
    const released = await office.send('POST', `/api/editions/${editionId}/feedback/release`);
    expect(released.statusCode).toBe(200);
    expect((await db.select().from(auditLog).where(eq(auditLog.action, 'feedback.release'))).length).toBe(1);
    expect((await applicant.get('/api/my/awards')).json().feedback).toEqual([{ applicationId: mineId, editionName: '2026年度市长质量奖', name: '反馈本人有限公司' }]);
    const own = await applicant.get(`/api/applications/${mineId}/feedback.pdf`);
    expect(own.statusCode).toBe(200);
    expect((await applicant.get(`/api/applications/${otherIds[0]}/feedback.pdf`)).statusCode).toBe(404);
    const text = pdfText(own.rawPayload).replace(/\s+/g, '');
    expect(text).toContain('反馈本人有限公司');
    expect(text).toContain(`一致优势${codes[0]}`);
    expect(text).not.toContain(`专家0优势${codes[0]}`); // the consensus wins over the members' own notes
    expect(text).toContain('3个申报者');
    for (const forbidden of ['反馈他人甲公司', '反馈他人乙公司', '钱专家', '孙专家', '同组对手有限公司']) expect(text).not.toContain(forbidden);
  }, 60_000);
});
