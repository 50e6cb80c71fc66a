import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications } from '../../src/db/schema/index.js';
import { recordAudit } from '../../src/services/audit/record.js';
import { inTransaction } from '../../src/services/context.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { databaseKinds } from './support/databases.js';
import { createApplication, createEdition, depsOf, ensureFileRoutes, pdfBytes, upload } from './support/files-fixtures.js';

interface Entry {
  at: string;
  kind: 'download' | 'view';
  fileName: string | null;
  reader: string;
  readerUsername: string | null;
}

/** The access log: who downloaded or viewed an application's materials, per application, filterable, exportable. */
describe.each(databaseKinds)('access log on %s', (kind) => {
  let t: TestApp;
  let dataDir: string;
  let auditor: Session;
  let office: Session;
  let owner: Session;
  let appId: string;
  let otherAppId: string;
  let draftId: string;
  let expertId: string;
  const log = async (session: Session, query: string) => session.get(`/api/access-log?${query}`);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-log-test-'));
    t = await startTestApp(kind, { DATA_DIR: dataDir });
    // Fixture shortcuts that skip the procedure (the invariant checker runs at close):
    t.tolerateBroken('lifecycle.state-without-history', 'applications are seeded directly in a mid-procedure state, without the history the engine writes');
    await ensureFileRoutes(t.app, depsOf(t));
    await t.createUser('auditor', ['auditadmin']);
    await t.createUser('office_reader', ['office']);
    await t.createUser('second_office', ['office']);
    await t.createUser('owner', ['applicant_unit']);
    expertId = await t.createUser('expert_reader', ['expert']);
    [auditor, office, owner] = await Promise.all(['auditor', 'office_reader', 'owner'].map((u) => t.login(u)));
    const editionId = await createEdition(t.database.db);
    const make = async (name: string) => {
      const id = await createApplication(t.database.db, { editionId, applicantUserId: owner.userId });
      await t.database.db.update(applications).set({ name }).where(eq(applications.id, id));
      return id;
    };
    appId = await make('临沂商业秘密有限公司');
    otherAppId = await make('临沂其他申报有限公司');
    draftId = await make('临沂草稿申报有限公司');
    const uploaded = async (id: string, name: string) => {
      const res = await upload(t, owner, id, { name, content: pdfBytes(), contentType: 'application/pdf' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const secret = await uploaded(appId, '工艺配方.pdf');
    const other = await uploaded(otherAppId, '其他材料.pdf');
    await uploaded(draftId, '草稿材料.pdf');
    await t.database.db.update(applications).set({ state: 'material_review' }).where(eq(applications.id, appId));
    await t.database.db.update(applications).set({ state: 'material_review' }).where(eq(applications.id, otherAppId));
    // Day one: the office downloads the secret; day two: an expert opens the page; the other application is read too.
    expect((await office.get(`/api/files/${secret}`)).statusCode).toBe(200);
    expect((await office.get(`/api/files/${other}`)).statusCode).toBe(200);
    t.clock.advance(24 * 3600_000);
    [auditor, office, owner] = await Promise.all(['auditor', 'office_reader', 'owner'].map((u) => t.login(u))); // the day's idle timeout
    await inTransaction(t.ctxFor({ userId: expertId, roles: ['expert'], organisationId: null } as never), (tctx) =>
      recordAudit(tctx, { action: 'application.view', entityType: 'application', entityId: appId }),
    );
    expect((await (await t.login('second_office')).get(`/api/files/${secret}`)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists who downloaded or viewed one application, newest first, and nothing of the others [Art.24]', async () => {
    const res = await log(auditor, `applicationId=${appId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { application: { name: string }; items: Entry[]; truncated: boolean };
    expect(body.application.name).toBe('临沂商业秘密有限公司');
    expect(body.truncated).toBe(false);
    expect(body.items.map((i) => [i.kind, i.readerUsername, i.fileName])).toEqual([
      ['download', 'second_office', '工艺配方.pdf'],
      ['view', 'expert_reader', null],
      ['download', 'office_reader', '工艺配方.pdf'],
    ]);
    expect(body.items.some((i) => i.fileName === '其他材料.pdf')).toBe(false);
  });

  it('filters by reader and by Shanghai days', async () => {
    const byReader = (await log(auditor, `applicationId=${appId}&reader=office_`)).json().items as Entry[];
    expect(byReader.map((i) => i.readerUsername)).toEqual(['office_reader']);
    const firstDay = (await log(auditor, `applicationId=${appId}&from=2026-11-30&to=2026-11-30`)).json().items as Entry[];
    expect(firstDay.map((i) => i.readerUsername)).toEqual(['office_reader']);
    const secondDay = (await log(auditor, `applicationId=${appId}&from=2026-12-01`)).json().items as Entry[];
    expect(secondDay.map((i) => i.readerUsername)).toEqual(['second_office', 'expert_reader']);
    expect((await log(auditor, `applicationId=${appId}&from=2026-12-02&to=2026-12-01`)).statusCode).toBe(422);
    expect((await log(auditor, 'applicationId=not-a-uuid')).statusCode).toBe(422);
  });

  it('exports the filtered log to Excel', async () => {
    const res = await auditor.get(`/api/access-log/export.xlsx?applicationId=${appId}&reader=reader`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('临沂商业秘密有限公司-材料查阅记录.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (book.getWorksheet('材料查阅记录')!.getSheetValues().slice(2) as unknown[][]).map((r) => [r[3], r[5], r[6] || null]);
    expect(rows).toEqual([
      ['expert_reader', '查看申报材料页面', null],
      ['office_reader', '下载材料', '工艺配方.pdf'],
    ]);
  });

  it('offers the applications by name: every one to the audit administrator, no drafts to the office', async () => {
    const names = async (s: Session, q: string) => ((await s.get(`/api/access-log/applications?q=${encodeURIComponent(q)}`)).json().items as Array<{ name: string }>).map((i) => i.name).sort();
    expect(await names(auditor, '临沂')).toEqual(['临沂其他申报有限公司', '临沂商业秘密有限公司', '临沂草稿申报有限公司']);
    expect(await names(office, '临沂')).toEqual(['临沂其他申报有限公司', '临沂商业秘密有限公司']);
    expect(await names(auditor, '商业秘密')).toEqual(['临沂商业秘密有限公司']);
  });

  it('is for the audit administrator and the office only; the office does not see drafts', async () => {
    expect((await log(office, `applicationId=${appId}`)).statusCode).toBe(200);
    expect((await log(office, `applicationId=${draftId}`)).statusCode).toBe(404);
    expect((await log(auditor, `applicationId=${draftId}`)).statusCode).toBe(200);
    expect((await log(owner, `applicationId=${appId}`)).statusCode).toBe(403);
    expect((await owner.get('/api/access-log/applications')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/access-log?applicationId=${appId}` })).statusCode).toBe(401);
  });
});
