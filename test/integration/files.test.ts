import { PDFDocument } from 'pdf-lib';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, auditLog, fileReads, files, qualificationReviews } from '../../src/db/schema/index.js';
import type { Database } from '../../src/db/connection.js';
import type { ApplicationState } from '../../src/domain/lifecycle/states.js';
import { sweepFileStore } from '../../src/services/files/sweep.js';
import { databaseKinds, type TestDatabase } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import {
  createApplication,
  createEdition,
  depsOf,
  docxBytes,
  ensureFileRoutes,
  filesOnDisk,
  jpegBytes,
  multipartBody,
  pdfBytes,
  pngBytes,
  upload,
  zipBytes,
} from './support/files-fixtures.js';
import { loginOverHttp, openVictimDatabase, prepareVictimData, startVictim, type Victim } from './support/files-victim.js';

const MB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** A PDF of exactly `size` bytes whose content differs by `seed`. */
const pdfOfSize = (size: number, seed = 0) => {
  const pdf = pdfBytes(size - pdfBytes(0).length);
  pdf.writeUInt32BE(seed, 20);
  return pdf;
};

describe.each(databaseKinds)('application files on %s', (kind) => {
  let t: TestApp;
  let dataDir: string;
  let editionId: string;
  let lanshan: string;
  let owner: Session;
  let otherApplicant: Session;
  let itsCounty: Session;
  let otherCounty: Session;
  let expert: Session;
  let department: Session;
  let departmentId: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-test-'));
    t = await startTestApp(kind, { DATA_DIR: dataDir, MAX_FILE_MB: '1', MAX_APPLICATION_MB: '2' });
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    await ensureFileRoutes(t.app, depsOf(t));
    lanshan = await organisationId(t, 'county', '兰山区');
    departmentId = await organisationId(t, 'department', '市质监局');
    await t.createUser('unit1', ['applicant_unit']);
    await t.createUser('unit2', ['applicant_unit']);
    await t.createUser('lanshan', ['county'], lanshan);
    await t.createUser('luozhuang', ['county'], await organisationId(t, 'county', '罗庄区'));
    await t.createUser('expert1', ['expert']);
    await t.createUser('dept1', ['department'], departmentId);
    [owner, otherApplicant, itsCounty, otherCounty, expert, department] = await Promise.all(
      ['unit1', 'unit2', 'lanshan', 'luozhuang', 'expert1', 'dept1'].map((u) => t.login(u)),
    );
    editionId = await createEdition(t.database.db);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let address: string | undefined;
  /** The same app on a real port, for what inject cannot show (early answers, aborted clients). */
  const listening = async () => (address ??= await t.app.listen({ port: 0, host: '127.0.0.1' }));
  const newApplication = (state: ApplicationState = 'draft') => createApplication(t.database.db, { editionId, applicantUserId: owner.userId, countyId: lanshan, state });
  const setState = (id: string, state: ApplicationState) => t.database.db.update(applications).set({ state }).where(eq(applications.id, id));
  const rowsOf = (applicationId: string) => t.database.db.select().from(files).where(eq(files.applicationId, applicationId));
  const readsOf = (fileId: string) => t.database.db.select().from(fileReads).where(eq(fileReads.fileId, fileId));

  /** No temp file, and every content file on disk belongs to some row (and vice versa). */
  async function expectStoreConsistent() {
    const disk = filesOnDisk(dataDir);
    expect(disk.temps).toEqual([]);
    const shas = new Set((await t.database.db.select({ sha256: files.sha256 }).from(files)).map((r) => r.sha256));
    expect(new Set(disk.content)).toEqual(shas);
  }

  it('stores a PDF under its sha256, typed by content, and audits the upload', async () => {
    const app = await newApplication();
    const content = pdfBytes(5000);
    // Named and labelled as a JPEG: the bytes decide.
    const res = await upload(t, owner, app, { name: 'scan.jpg', content, contentType: 'image/jpeg', purpose: 'self_evaluation', itemCode: '4.1.2' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ applicationId: app, originalName: 'scan.jpg', size: content.length, mimeType: 'application/pdf', purpose: 'self_evaluation', itemCode: '4.1.2', sha256: sha256(content), abilities: { download: true, delete: true } });
    const stored = fs.readFileSync(path.join(dataDir, 'files', body.sha256.slice(0, 2), body.sha256.slice(2, 4), body.sha256));
    expect(sha256(stored)).toBe(sha256(content));
    expect(await rowsOf(app)).toHaveLength(1);
    const [audit] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ action: 'file.upload', entityType: 'file', entityId: body.id, actorId: owner.userId });
    const list = (await owner.get(`/api/applications/${app}/files`)).json();
    expect(list.items.map((f: { id: string }) => f.id)).toEqual([body.id]);
    await expectStoreConsistent();
  });

  it('keeps a Chinese file name and returns it on download with an ASCII fallback', async () => {
    const app = await newApplication();
    const name = '企业自评报告（2026版）第1册.pdf';
    const content = pdfBytes(100);
    const created = (await upload(t, owner, app, { name, content })).json();
    expect(created.originalName).toBe(name);
    const res = await owner.get(`/api/files/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.equals(content)).toBe(true);
    const disposition = String(res.headers['content-disposition']);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)![1];
    expect(decodeURIComponent(encoded)).toBe(name);
    const fallback = /filename="([^"]*)"/.exec(disposition)![1];
    expect(fallback).toMatch(/^[\x20-\x7e]+\.pdf$/);
    expect(disposition.startsWith('attachment;')).toBe(true);
  });

  it.each([
    ['a text file named .pdf', 'report.pdf', Buffer.from('this is not a pdf at all\n'.repeat(50))],
    ['a zip that is no Office document', 'pack.docx', zipBytes({ 'readme.txt': 'hello', '[Content_Types].xml': '<Types/>' })],
    ['a truncated zip', 'cut.xlsx', zipBytes({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<x/>' }).subarray(0, 60)],
  ])('refuses %s with 415 and leaves nothing behind', async (_label, name, content) => {
    const app = await newApplication();
    const auditBefore = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    const res = await upload(t, owner, app, { name, content, contentType: 'application/pdf' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ code: 'unsupported_file_type', message: '仅支持 PDF、Word（DOCX）、Excel（XLSX）、JPEG、PNG 文件' });
    expect(await rowsOf(app)).toEqual([]);
    expect(await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog)).toEqual(auditBefore);
    await expectStoreConsistent();
  });

  it('refuses an empty file with its own reason', async () => {
    const app = await newApplication();
    const res = await upload(t, owner, app, { name: 'empty.pdf', content: Buffer.alloc(0), contentType: 'application/pdf' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ code: 'file_empty', message: '文件为空（0 字节），请检查后重新选择文件上传' });
    expect(await rowsOf(app)).toEqual([]);
    await expectStoreConsistent();
  });

  it.each([
    ['%PDF followed by garbage', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)])],
    ['a PDF cut off before its end', pdfBytes(5000).subarray(0, 3000)],
    ['a startxref pointing past the end', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\nstartxref\n999999\n%%EOF\n')],
    ['a startxref pointing at no cross-reference section', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\nstartxref\n20\n%%EOF\n')],
  ])('refuses %s as damaged and leaves nothing behind', async (_label, content) => {
    const app = await newApplication();
    const res = await upload(t, owner, app, { name: 'cut.pdf', content, contentType: 'application/pdf' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ code: 'file_damaged', message: '文件不完整或已损坏（无法作为 PDF 打开），请重新导出或扫描后再上传' });
    expect(await rowsOf(app)).toEqual([]);
    await expectStoreConsistent();
  });

  it('accepts real PDFs: classic cross-reference table and cross-reference stream', async () => {
    const app = await newApplication();
    for (const useObjectStreams of [false, true]) {
      const doc = await PDFDocument.create();
      doc.addPage().drawText('quality award');
      const content = Buffer.from(await doc.save({ useObjectStreams }));
      const res = await upload(t, owner, app, { name: `real-${useObjectStreams}.pdf`, content });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('detects DOCX, XLSX, PNG and JPEG by content whatever the name', async () => {
    const app = await newApplication();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('财务数据').addRow(['年份', '营业收入']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const cases: Array<[Buffer, string]> = [
      [docxBytes(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [pngBytes(), 'image/png'],
      [jpegBytes(), 'image/jpeg'],
    ];
    for (const [content, mimeType] of cases) {
      const res = await upload(t, owner, app, { name: 'attachment.bin', content });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().mimeType).toBe(mimeType);
    }
    await expectStoreConsistent();
  });

  it('accepts a file of exactly the limit and refuses one byte more with 413, leaving nothing', async () => {
    const app = await newApplication();
    expect((await upload(t, owner, app, { name: 'exact.pdf', content: pdfOfSize(MB, 1) })).statusCode).toBe(201);
    const res = await upload(t, owner, app, { name: 'big.pdf', content: pdfOfSize(MB + 1, 2) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('file_too_large');
    expect(res.json().message).toContain('（上限 1 MB）');
    const far = await upload(t, owner, app, { name: 'huge.pdf', content: pdfOfSize(5 * MB, 3) });
    expect(far.statusCode).toBe(413);
    expect(await rowsOf(app)).toHaveLength(1);
    await expectStoreConsistent();
  });

  it('answers 413 over real HTTP to a client still sending, reading the rest so the answer arrives', async () => {
    const app = await newApplication();
    const base = await listening();
    const { body, contentType } = multipartBody('大文件.pdf', pdfOfSize(8 * MB, 5));
    const response = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const request = http.request(`${base}/api/applications/${app}/files?purpose=evidence`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken, 'content-type': contentType, 'content-length': body.length },
      });
      request.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      });
      // Writing the rest may fail once the server has answered and hung up; the answer is what counts.
      request.on('error', (error) => setTimeout(() => reject(error), 1000));
      request.end(body);
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text).code).toBe('file_too_large');
    expect(await rowsOf(app)).toEqual([]);
    await expectStoreConsistent();
  });

  it('a client that gives up mid-upload leaves nothing behind', async () => {
    const app = await newApplication();
    const { body, contentType } = multipartBody('放弃.pdf', pdfOfSize(0.9 * MB, 6));
    const request = http.request(`${await listening()}/api/applications/${app}/files?purpose=evidence`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken, 'content-type': contentType, 'content-length': body.length },
    });
    request.on('error', () => undefined);
    request.write(body.subarray(0, 300 * 1024));
    const tmpDir = path.join(dataDir, 'files', 'tmp');
    await expect.poll(() => (fs.existsSync(tmpDir) ? fs.readdirSync(tmpDir).length : 0)).toBe(1);
    request.destroy();
    await expect.poll(() => filesOnDisk(dataDir).temps.length).toBe(0);
    expect(await rowsOf(app)).toEqual([]);
    await expectStoreConsistent();
  });

  it('enforces the application total; a withdrawn file frees its share', async () => {
    const app = await newApplication();
    const first = (await upload(t, owner, app, { name: 'a.pdf', content: pdfOfSize(0.9 * MB, 11) })).json();
    expect((await upload(t, owner, app, { name: 'b.pdf', content: pdfOfSize(0.9 * MB, 12) })).statusCode).toBe(201);
    const refused = await upload(t, owner, app, { name: 'c.pdf', content: pdfOfSize(0.9 * MB, 13) });
    expect(refused.statusCode).toBe(413);
    expect(refused.json().code).toBe('application_files_too_large');
    expect(refused.json().message).toContain('（上限 2 MB）');
    expect(await rowsOf(app)).toHaveLength(2);
    await expectStoreConsistent();

    expect((await owner.send('DELETE', `/api/files/${first.id}`)).statusCode).toBe(204);
    expect((await upload(t, owner, app, { name: 'c.pdf', content: pdfOfSize(0.9 * MB, 13) })).statusCode).toBe(201);
  });

  it('lets only one of two parallel uploads through when both would not fit', async () => {
    const app = await newApplication();
    expect((await upload(t, owner, app, { name: 'base.pdf', content: pdfOfSize(0.9 * MB, 21) })).statusCode).toBe(201);
    const results = await Promise.all([22, 23].map((seed) => upload(t, owner, app, { name: `p${seed}.pdf`, content: pdfOfSize(0.9 * MB, seed) })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 413]);
    const total = (await rowsOf(app)).filter((r) => !r.deletedAt).reduce((sum, r) => sum + r.size, 0);
    expect(total).toBeLessThanOrEqual(2 * MB);
    await expectStoreConsistent();
  });

  it('stores identical content once for two rows', async () => {
    const app = await newApplication();
    const content = pdfBytes(777);
    const a = (await upload(t, owner, app, { name: '一.pdf', content })).json();
    const b = (await upload(t, owner, app, { name: '二.pdf', content })).json();
    expect(a.id).not.toBe(b.id);
    expect(filesOnDisk(dataDir).content.filter((s) => s === sha256(content))).toHaveLength(1);
  });

  it('hides files from strangers (404) and logs no read for them', async () => {
    const app = await newApplication();
    const file = (await upload(t, owner, app, { name: '证明材料.pdf', content: pdfBytes(300) })).json();
    await setState(app, 'submitted');
    for (const stranger of [otherApplicant, otherCounty, expert]) {
      expect((await stranger.get(`/api/applications/${app}/files`)).statusCode).toBe(404);
      const download = await stranger.get(`/api/files/${file.id}`);
      expect(download.statusCode).toBe(404);
      expect(download.json().code).toBe('not_found');
      expect((await stranger.send('DELETE', `/api/files/${file.id}`)).statusCode).toBe(404);
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${file.id}` })).statusCode).toBe(401);
    expect(await readsOf(file.id)).toEqual([]);
    expect((await rowsOf(app))[0].deletedAt).toBeNull();

    // Its county body may read once submitted; the read is logged.
    const byCounty = await itsCounty.get(`/api/files/${file.id}`);
    expect(byCounty.statusCode).toBe(200);
    expect((await readsOf(file.id)).map((r) => r.userId)).toEqual([itsCounty.userId]);
  });

  it('logs the owner’s download with the request id before sending', async () => {
    const app = await newApplication();
    const file = (await upload(t, owner, app, { name: 'x.pdf', content: pdfBytes(10) })).json();
    const res = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: { cookie: owner.cookie, 'x-request-id': 'read-req-12345' } });
    expect(res.statusCode).toBe(200);
    expect(await readsOf(file.id)).toEqual([expect.objectContaining({ userId: owner.userId, requestId: 'read-req-12345', at: t.clock.now() })]);
  });

  it('withdraws a file (soft delete, audited) only while the application is editable', async () => {
    const app = await newApplication();
    const keep = (await upload(t, owner, app, { name: 'keep.pdf', content: pdfBytes(40) })).json();
    const drop = (await upload(t, owner, app, { name: 'drop.pdf', content: pdfBytes(41) })).json();
    expect((await owner.send('DELETE', `/api/files/${drop.id}`)).statusCode).toBe(204);
    const [audit] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ action: 'file.delete', entityId: drop.id, actorId: owner.userId });
    expect((await owner.get(`/api/applications/${app}/files`)).json().items.map((f: { id: string }) => f.id)).toEqual([keep.id]);
    expect((await owner.get(`/api/files/${drop.id}`)).statusCode).toBe(404);
    expect((await owner.send('DELETE', `/api/files/${drop.id}`)).statusCode).toBe(404);
    // The bytes stay: the row (and its read log) still refers to them.
    expect(filesOnDisk(dataDir).content).toContain(drop.sha256);

    await setState(app, 'submitted');
    const late = await owner.send('DELETE', `/api/files/${keep.id}`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('wrong_stage');
    expect((await owner.get(`/api/applications/${app}/files`)).json().items[0].abilities.delete).toBe(false);
    const lateUpload = await upload(t, owner, app, { name: 'late.pdf', content: pdfBytes(42) });
    expect(lateUpload.statusCode).toBe(409);
    await expectStoreConsistent();
  });

  it('lets a reviewing department attach its evidence, and keeps purposes apart', async () => {
    const app = await newApplication('qualification_review');
    await t.database.db.insert(qualificationReviews).values({ applicationId: app, departmentId, dueOn: '2027-01-31' });
    const ok = await upload(t, department, app, { name: '审查意见.pdf', content: pdfBytes(50), purpose: 'department_evidence' });
    expect(ok.statusCode).toBe(201);
    expect((await upload(t, department, app, { name: 'e.pdf', content: pdfBytes(51), purpose: 'evidence' })).statusCode).toBe(403);
    const draft = await newApplication();
    const wrong = await upload(t, owner, draft, { name: 'd.pdf', content: pdfBytes(52), purpose: 'department_evidence' });
    expect(wrong.statusCode).toBe(403);
    const badPurpose = await upload(t, owner, draft, { name: 'd.pdf', content: pdfBytes(52), purpose: 'other' });
    expect(badPurpose.statusCode).toBe(422);
    await expectStoreConsistent();
  });

  it('refuses a non-multipart body and a request without a file', async () => {
    const app = await newApplication();
    const json = await owner.send('POST', `/api/applications/${app}/files?purpose=evidence`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/applications/${app}/files?purpose=evidence`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken, 'content-type': 'multipart/form-data; boundary=abc' },
      payload: '--abc\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--abc--\r\n',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('file_required');
    await expectStoreConsistent();
  });

  it('sweeps stale temp files and old unreferenced content, never referenced or young content', async () => {
    const app = await newApplication();
    const kept = (await upload(t, owner, app, { name: 'kept.pdf', content: pdfBytes(60) })).json();
    const root = path.join(dataDir, 'files');
    const place = (sha: string) => {
      const dir = path.join(root, sha.slice(0, 2), sha.slice(2, 4));
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, sha), 'orphan');
      return path.join(dir, sha);
    };
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    const oldOrphan = place(sha256(Buffer.from('old orphan')));
    const youngOrphan = place(sha256(Buffer.from('young orphan')));
    const staleTemp = path.join(root, 'tmp', 'stale.part');
    const liveTemp = path.join(root, 'tmp', 'live.part');
    fs.writeFileSync(staleTemp, 'x');
    fs.writeFileSync(liveTemp, 'y');
    for (const f of [oldOrphan, staleTemp, path.join(root, kept.sha256.slice(0, 2), kept.sha256.slice(2, 4), kept.sha256)]) fs.utimesSync(f, twoHoursAgo, twoHoursAgo);

    expect(await sweepFileStore(dataDir, t.database.db)).toEqual({ tempFilesRemoved: 1, orphansRemoved: 1 });
    expect(fs.existsSync(oldOrphan)).toBe(false);
    expect(fs.existsSync(youngOrphan)).toBe(true);
    expect(fs.existsSync(staleTemp)).toBe(false);
    expect(fs.existsSync(liveTemp)).toBe(true);
    expect(filesOnDisk(dataDir).content).toContain(kept.sha256);
    expect(await sweepFileStore(dataDir, t.database.db, { graceMs: 0, tmpGraceMs: 0 })).toEqual({ tempFilesRemoved: 1, orphansRemoved: 1 });
    await expectStoreConsistent();
  });
});

/**
 * A server killed with SIGKILL in the middle of an upload: after restart (reopen + sweep)
 * no row, temp file or unreferenced content remains, and every row's bytes exist.
 */
describe.each(databaseKinds)('upload interrupted by a killed server on %s', (kind) => {
  let dataDir: string;
  let victim: Victim | undefined;
  let database: Database | TestDatabase | undefined;
  afterAll(async () => {
    if (victim && victim.child.exitCode === null && victim.child.signalCode === null) victim.child.kill('SIGKILL');
    await database?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves nothing behind once the sweep has run', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-kill-'));
    database = await openVictimDatabase(kind, dataDir);
    const { username, applicationId } = await prepareVictimData(database, dataDir);
    const databaseUrl = (database as TestDatabase).url;
    if (kind === 'pglite') {
      await database.close(); // the victim process owns the folder now
      database = undefined;
    }
    victim = await startVictim(dataDir, databaseUrl);
    const headers = await loginOverHttp(victim.baseUrl, username);
    const url = `${victim.baseUrl}/api/applications/${applicationId}/files?purpose=evidence`;

    // One upload completes over real HTTP (browser-style FormData, Chinese name)…
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdfBytes(2000))]), '完成的材料.pdf');
    const done = await fetch(url, { method: 'POST', headers, body: form });
    expect(done.status, await done.clone().text()).toBe(201);
    expect(((await done.json()) as { originalName: string }).originalName).toBe('完成的材料.pdf');

    // …and one is cut off: the server dies while the bytes are still arriving.
    const { body, contentType } = multipartBody('中断的材料.pdf', pdfOfSize(40 * MB, 99));
    const request = http.request(url, { method: 'POST', headers: { ...headers, 'content-type': contentType, 'content-length': body.length } });
    request.on('error', () => undefined); // the connection dies with the server
    let sent = 0;
    const tmpDir = path.join(dataDir, 'files', 'tmp');
    const tempBytes = () => (fs.existsSync(tmpDir) ? fs.readdirSync(tmpDir).reduce((n, f) => n + fs.statSync(path.join(tmpDir, f)).size, 0) : 0);
    while (tempBytes() < 512 * 1024) {
      if (sent >= body.length) throw new Error('upload finished before the server could be killed');
      request.write(body.subarray(sent, sent + 64 * 1024));
      sent += 64 * 1024;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    victim.child.kill('SIGKILL');
    await victim.exited;
    request.destroy();
    expect(filesOnDisk(dataDir).temps).toHaveLength(1);

    // Restart: reopen the database and sweep as start-up does.
    database ??= await openVictimDatabase(kind, dataDir);
    const db = database.db;
    // Right after a crash the leftovers are young: a default sweep leaves them, as it would an upload in flight elsewhere.
    expect(await sweepFileStore(dataDir, db)).toEqual({ tempFilesRemoved: 0, orphansRemoved: 0 });
    // At a start-up two hours later they go.
    expect(await sweepFileStore(dataDir, db, { now: () => Date.now() + 2 * 3_600_000 })).toMatchObject({ tempFilesRemoved: 1 });

    const rows = await db.select().from(files);
    const disk = filesOnDisk(dataDir);
    expect(disk.temps).toEqual([]);
    expect(new Set(disk.content)).toEqual(new Set(rows.map((r) => r.sha256)));
    for (const row of rows) {
      const stored = fs.readFileSync(path.join(dataDir, 'files', row.sha256.slice(0, 2), row.sha256.slice(2, 4), row.sha256));
      expect(sha256(stored)).toBe(row.sha256);
    }
    expect(rows.map((r) => r.originalName)).toEqual(['完成的材料.pdf']);
  });
});
