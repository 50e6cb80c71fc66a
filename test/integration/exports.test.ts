import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { attachEvidenceRow, completeUnitForm, creditCode, departmentSessions, openEdition, registerApplicant } from './support/intake.js';

async function sheetRows(buffer: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as never);
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(databaseKinds)('Excel exports on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let editionId: string;
  let appId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('office', ['office']);
    await t.createUser('lanshan', ['county'], await organisationId(t, 'county', '兰山区'));
    office = await t.login('office');
    editionId = await openEdition(t, office);
    const departments = await departmentSessions(t);
    const unit = await registerApplicant(t, 'unit', creditCode(21), '临沂导出测试有限公司', 'exporter');
    appId = (await unit.send('POST', '/api/applications', {})).json().id;
    await unit.send('PATCH', `/api/applications/${appId}`, { revision: 1, form: await completeUnitForm(t) });
    await attachEvidenceRow(t, appId, unit.userId);
    await unit.send('POST', `/api/applications/${appId}/actions/submit`, {});
    await (await t.login('lanshan')).send('POST', `/api/applications/${appId}/actions/recommend`, { payload: { opinion: '同意', signer: '李', signedOn: '2026-11-30' } });
    await office.send('POST', `/api/applications/${appId}/actions/accept`, {});
    await departments[0].send('POST', `/api/applications/${appId}/qualification`, { decision: 'pass' });
    await departments[1].send('POST', `/api/applications/${appId}/qualification`, { decision: 'fail', reasons: '有未结案件' });
  });
  afterAll(() => t.close());

  it('exports the applications with Chinese headers and a Chinese file name', async () => {
    const res = await office.get(`/api/editions/${editionId}/export/applications.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(res.headers['content-disposition']!.split("UTF-8''")[1])).toBe('2026年度市长质量奖-申报汇总.xlsx');
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['序号', '申报类型', '名称/姓名', '统一社会信用代码/身份证号码', '所在县区', '行业门类', '联系人', '联系电话', '状态', '提交时间']);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[8]])).toEqual([['单位', '临沂导出测试有限公司', creditCode(21), '兰山区', '资格审查中']]);
  });

  it('shows labels, not codes, and Beijing time like the UI', async () => {
    const submittedAt: string = (await office.get(`/api/applications/${appId}`)).json().submittedAt;
    // Asia/Shanghai is UTC+8 all year (no daylight saving).
    const beijing = new Date(Date.parse(submittedAt) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    const [, row] = await sheetRows((await office.get(`/api/editions/${editionId}/export/applications.xlsx`)).rawPayload);
    expect(row[5]).toBe('制造业');
    expect(row[9]).toBe(beijing);
  });

  it('exports the qualification matrix, one column per department', async () => {
    const rows = await sheetRows((await office.get(`/api/editions/${editionId}/export/qualification.xlsx`)).rawPayload);
    expect(rows[0].slice(0, 4)).toEqual(['名称/姓名', '申报类型', '状态', '审查截止']);
    expect(rows[0]).toHaveLength(4 + 9);
    const cells = rows[1].slice(4);
    expect(cells.filter((c) => c === '通过')).toHaveLength(1);
    expect(cells.filter((c) => c === '不通过')).toHaveLength(1);
    expect(cells.filter((c) => c === '待审查')).toHaveLength(7);
  });

  it('publishes the current edition’s whole schedule (the reviewing roles’ workbench reads it)', async () => {
    const current = (await t.app.inject({ url: '/api/editions/current' })).json();
    expect(current.schedule.applicationDeadline).toBe(current.applicationDeadline);
    expect(Object.values(current.schedule).every((d) => /^\d{4}-\d{2}-\d{2}$/.test(String(d)))).toBe(true);
  });

  it('is the office’s only', async () => {
    const county = await t.login('lanshan');
    expect((await county.get(`/api/editions/${editionId}/export/applications.xlsx`)).statusCode).toBe(403);
    expect((await county.get(`/api/editions/${editionId}/qualification-matrix`)).statusCode).toBe(403);
  });
});
