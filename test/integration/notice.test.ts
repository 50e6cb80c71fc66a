import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { applications, auditLog, decisionItems, decisions, editions, publicNoticeItems, winners } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';
import { docxBytes, pdfBytes } from './support/files-fixtures.js';

/** A multipart body with text fields first, then files (as a browser's FormData sends them). */
function objectionBody(fields: Record<string, string>, files: Array<{ name: string; content: Buffer }> = []) {
  const boundary = `----notice-test-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'), f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The public notice (Art. 17): period by working days, objections in the period only, rulings, re-decision, public results. */
describe.each(databaseKinds)('public notice and objections on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let leadership: Session;
  let government: Session;
  let applicant: Session;
  let editionId: string;
  let noticeId: string;
  let awardId: string;
  let nominationId: string;
  let removedId: string;
  const codes: string[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-'));

  const fileObjection = (fields: Record<string, string>, files: Array<{ name: string; content: Buffer }> = [], remoteAddress = '198.51.100.1') =>
    t.app.inject({ method: 'POST', url: `/api/public/notices/${noticeId}/objections`, remoteAddress, ...objectionBody(fields, files) });
  const filer = (applicationId: string) => ({ applicationId, name: '张三', phone: '13912345678', email: 'zhangsan@example.cn', content: '该单位申报材料中的质量指标与实际不符。' });
  const stateOf = async (id: string) => (await t.database.db.select({ state: applications.state }).from(applications).where(eq(applications.id, id)))[0].state;

  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: dataDir });
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    t.tolerateBroken('lifecycle.history-chain', 'the notice moves applications from the state the fixture seeded, not from draft');
    t.tolerateBroken('awards.winner-record', 'winner rows and states are seeded directly for the public pages');
    t.tolerateBroken('awards.revocation', 'a winner is marked revoked directly, without a revocation decision, for the public pages');
    for (const role of ['office', 'leadership', 'government'] as const) await t.createUser(`n_${role}`, [role]);
    [office, leadership, government] = await Promise.all(['office', 'leadership', 'government'].map((r) => t.login(`n_${r}`)));
    editionId = await openEdition(t, office);
    applicant = await registerApplicant(t, 'unit', creditCode(900), '公示测试有限公司', 'noticed');
    const county = await organisationId(t, 'county', '兰山区');
    const form = await completeUnitForm(t);
    const rows = await t.database.db
      .insert(applications)
      .values(['甲质量公司', '乙制造公司', '丙科技公司'].map((name, i) => {
        codes.push(creditCode(910 + i));
        return { editionId, kind: 'unit' as const, applicantUserId: applicant.userId, countyId: county, identityCode: codes[i], name, state: 'leadership_approved' as const, form };
      }))
      .returning({ id: applications.id });
    [awardId, nominationId, removedId] = rows.map((r) => r.id);
    const [approval] = await t.database.db.insert(decisions).values({ editionId, kind: 'leadership_approval', documentNumber: '临质强〔2026〕5号', decidedOn: '2026-09-25', recordedBy: leadership.userId }).returning();
    await t.database.db.insert(decisionItems).values([
      { decisionId: approval.id, applicationId: awardId, outcome: 'approved', category: 'award' },
      { decisionId: approval.id, applicationId: nominationId, outcome: 'approved', category: 'nomination' },
      { decisionId: approval.id, applicationId: removedId, outcome: 'approved', category: 'award' },
    ]);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('computes the end of the notice by working days: from 2026-09-30, five working days end on 2026-10-12 (National Day) [Art.17]', async () => {
    t.clock.set('2026-09-28T02:00:00Z');
    const preview = await office.get(`/api/decision/editions/${editionId}/notice/period?startsOn=2026-09-30`);
    expect(preview.json()).toEqual({ startsOn: '2026-09-30', endsOn: '2026-10-12', workingDays: 5 });
    // Without a date the period starts today (Shanghai): 28, 29, 30 September, then 8 and 9 October.
    expect((await office.get(`/api/decision/editions/${editionId}/notice/period`)).json()).toMatchObject({ startsOn: '2026-09-28', endsOn: '2026-10-09' });

    const res = await office.send('POST', `/api/decision/editions/${editionId}/notice`, { title: '2026年度市长质量奖拟授奖名单公示', body: '现将拟授奖名单予以公示。', contact: '联系电话：0539-8888888；地址：临沂市强市办', startsOn: '2026-09-30' });
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json();
    noticeId = notice.id;
    expect(notice).toMatchObject({ startsOn: '2026-09-30', endsOn: '2026-10-12', workingDays: 5, open: false });
    expect(new Map(notice.items.map((i: { applicationId: string; category: string }) => [i.applicationId, i.category]))).toEqual(new Map([[awardId, 'award'], [nominationId, 'nomination'], [removedId, 'award']]));
    expect(await Promise.all([awardId, nominationId, removedId].map(stateOf))).toEqual(['public_notice', 'public_notice', 'public_notice']);

    const again = await office.send('POST', `/api/decision/editions/${editionId}/notice`, { title: '重复', body: '重复', contact: '重复' });
    expect(again.json()).toMatchObject({ code: 'wrong_stage' });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'notice.publish'), eq(auditLog.entityId, editionId)));
    expect(audit).toBeDefined();
  });

  it('refuses an objection before the period starts, and after its last day ends in Shanghai [Art.17]', async () => {
    t.clock.set('2026-09-29T15:59:00Z'); // 23:59 on the 29th in Shanghai
    const early = await fileObjection(filer(awardId), [], '198.51.100.2');
    expect(early.json()).toMatchObject({ code: 'deadline_passed' });
    t.clock.set('2026-10-12T15:59:00Z'); // 23:59 on the last day: still open
    const last = await fileObjection(filer(awardId), [], '198.51.100.2');
    expect(last.statusCode, last.body).toBe(201);
    expect(last.json().reference).toBe('YY-2026-0001');
    t.clock.set('2026-10-12T16:00:01Z'); // 00:00:01 on the 13th in Shanghai
    const late = await fileObjection(filer(awardId), [], '198.51.100.2');
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'deadline_passed' });
    t.clock.set('2026-10-08T02:00:00Z');
  });

  it('checks the filer: phone, the candidate must be on the list, evidence only PDF or images', async () => {
    const badPhone = await fileObjection({ ...filer(awardId), phone: '12345' });
    expect(badPhone.json()).toMatchObject({ code: 'validation_failed', fields: [{ field: 'phone' }] });
    const notListed = await fileObjection(filer(randomUUID()));
    expect(notListed.json()).toMatchObject({ code: 'validation_failed', fields: [{ field: 'applicationId' }] });
    const word = await fileObjection(filer(awardId), [{ name: '说明.docx', content: await docxBytes() }]);
    expect(word.json()).toMatchObject({ code: 'unsupported_file_type' });
    // A refused upload leaves nothing behind: no temp file, no content, no row.
    expect(fs.readdirSync(path.join(dataDir, 'files', 'tmp'))).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'files')).filter((d) => d !== 'tmp')).toEqual([]);
  });

  it('limits objections per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await fileObjection({ applicationId: awardId }, [], '203.0.113.77')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another address is not affected.
    expect((await fileObjection({ applicationId: awardId }, [], '203.0.113.78')).statusCode).toBe(422);
  });

  it('a dismissed objection leaves the candidate on the list', async () => {
    const [first] = (await office.get(`/api/decision/editions/${editionId}/notice/objections`)).json().items;
    expect(first).toMatchObject({ reference: 'YY-2026-0001', applicationId: awardId, filerPhone: '13912345678', status: 'open' });
    const noted = await office.send('PUT', `/api/decision/editions/${editionId}/notice/objections/${first.id}/investigation`, { investigation: '经核查，相关指标有第三方检测报告支持。' });
    expect(noted.json()).toMatchObject({ investigation: '经核查，相关指标有第三方检测报告支持。' });
    const ruled = await office.send('POST', `/api/decision/editions/${editionId}/notice/objections/${first.id}/ruling`, { outcome: 'dismissed', reason: '反映问题与事实不符' });
    expect(ruled.json()).toMatchObject({ status: 'dismissed', ruling: '反映问题与事实不符' });
    expect(await stateOf(awardId)).toBe('public_notice');
    const [item] = await t.database.db.select().from(publicNoticeItems).where(eq(publicNoticeItems.applicationId, awardId));
    expect(item.removedAt).toBeNull();
    const again = await office.send('POST', `/api/decision/editions/${editionId}/notice/objections/${first.id}/ruling`, { outcome: 'upheld', reason: '改判' });
    expect(again.json()).toMatchObject({ code: 'wrong_stage' });
    expect((await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'objection.rule'), eq(auditLog.entityId, first.id)))).length).toBe(1);
  });

  it('an upheld objection removes the candidate; the government waits for the leadership to decide on the list again [Art.17]', async () => {
    const filed = await fileObjection(filer(removedId), [{ name: '检测报告.pdf', content: pdfBytes() }]);
    expect(filed.statusCode, filed.body).toBe(201);
    const objection = (await office.get(`/api/decision/editions/${editionId}/notice/objections`)).json().items.find((o: { reference: string }) => o.reference === filed.json().reference);
    expect(objection.files).toHaveLength(1);
    const download = await office.get(`/api/decision/editions/${editionId}/notice/objections/${objection.id}/files/${objection.files[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdfBytes())).toBe(true);
    // The evidence is the office's: the candidate's own files never show it.
    const ownFiles = await applicant.get(`/api/applications/${removedId}/files`);
    expect(ownFiles.json().items).toEqual([]);
    expect((await applicant.get(`/api/files/${objection.files[0].id}`)).statusCode).toBe(404);
    expect((await leadership.get(`/api/decision/editions/${editionId}/notice/objections`)).statusCode).toBe(403);

    const ruled = await office.send('POST', `/api/decision/editions/${editionId}/notice/objections/${objection.id}/ruling`, { outcome: 'upheld', reason: '经核查，申报数据存在虚报' });
    expect(ruled.statusCode, ruled.body).toBe(200);
    expect(await stateOf(removedId)).toBe('not_selected');
    const publicList = (await t.app.inject({ method: 'GET', url: `/api/public/notices/${noticeId}` })).json().items.map((i: { applicationId: string }) => i.applicationId);
    expect(publicList.sort()).toEqual([awardId, nominationId].sort());
    expect((await office.get(`/api/decision/editions/${editionId}/notice`)).json()).toMatchObject({ reconfirmationPending: true, objectionCounts: { open: 0, upheld: 1, dismissed: 1 } });

    t.clock.set('2026-10-13T02:00:00Z');
    const decide = () => government.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'government_decision', documentNumber: '临政字〔2026〕30号', decidedOn: '2026-10-13', items: [{ applicationId: awardId, outcome: 'award' }, { applicationId: nominationId, outcome: 'nomination' }] });
    const held = await decide();
    expect(held.json()).toMatchObject({ code: 'guard_failed' });
    expect(held.json().message).toContain('重新审定');
    expect(await stateOf(awardId)).toBe('public_notice');

    const reconfirmed = await leadership.send('POST', `/api/editions/${editionId}/decisions`, {
      kind: 'notice_confirmation',
      documentNumber: '临质强〔2026〕8号',
      decidedOn: '2026-10-13',
      items: [{ applicationId: awardId, outcome: 'confirmed', category: 'award' }, { applicationId: nominationId, outcome: 'confirmed', category: 'nomination' }],
    });
    expect(reconfirmed.statusCode, reconfirmed.body).toBe(201);
    expect((await leadership.get(`/api/decision/editions/${editionId}/notice`)).json()).toMatchObject({ reconfirmationPending: false });
    const decided = await decide();
    expect(decided.statusCode, decided.body).toBe(201);
    expect(await Promise.all([awardId, nominationId].map(stateOf))).toEqual(['government_approved', 'government_approved']);
  });

  it('the public notice shows names, categories and the period, never identity codes or contacts [Art.17]', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/notices/${noticeId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ endsOn: '2026-10-12', contact: expect.stringContaining('0539-8888888'), open: false });
    for (const code of codes) expect(res.body).not.toContain(code);
    expect(res.body).not.toContain('13800000000'); // the applicant's registered phone
    expect(res.body).not.toContain('13912345678'); // the filer's
    const home = (await t.app.inject({ method: 'GET', url: '/api/public/home' })).json();
    expect(home.notices).toEqual([expect.objectContaining({ id: noticeId, endsOn: '2026-10-12' })]);
  });

  it('winners and archive show a revoked award as revoked, never as a plain winner [Art.28]', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/public/editions/${editionId}/winners` })).statusCode).toBe(404);
    await t.database.db.insert(winners).values([
      { applicationId: awardId, editionId, identityCode: codes[0], name: '甲质量公司', kind: 'unit', category: 'award' },
      { applicationId: nominationId, editionId, identityCode: codes[1], name: '乙制造公司', kind: 'unit', category: 'nomination', revokedAt: new Date('2027-03-01T00:00:00Z') },
    ]);
    await t.database.db.update(editions).set({ resultsPublishedAt: new Date('2026-10-20T02:00:00Z') }).where(eq(editions.id, editionId));
    const edition = (await t.app.inject({ method: 'GET', url: `/api/public/editions/${editionId}/winners` })).json();
    expect(edition.winners.map((w: { name: string; revoked: boolean; category: string }) => [w.name, w.category, w.revoked])).toEqual([
      ['甲质量公司', '市长质量奖', false],
      ['乙制造公司', '提名奖', true],
    ]);
    const archive = (await t.app.inject({ method: 'GET', url: '/api/public/archive' })).json();
    expect(archive.editions.map((e: { editionId: string }) => e.editionId)).toEqual([editionId]);
    expect(archive.editions[0].winners.find((w: { name: string }) => w.name === '乙制造公司').revoked).toBe(true);
    for (const code of codes) expect(JSON.stringify(archive)).not.toContain(code);
    const home = (await t.app.inject({ method: 'GET', url: '/api/public/home' })).json();
    expect(home.winners.find((w: { name: string }) => w.name === '乙制造公司')).toMatchObject({ revoked: true });
    // Once the results are out the notice leaves the home page.
    expect(home.notices).toEqual([]);
    // Revocation by the procedure counts as well, even if the winner row was not stamped.
    await t.database.db.update(applications).set({ state: 'revoked' }).where(inArray(applications.id, [awardId]));
    const after = (await t.app.inject({ method: 'GET', url: '/api/public/archive' })).json();
    expect(after.editions[0].winners.every((w: { revoked: boolean }) => w.revoked)).toBe(true);
  });
});
