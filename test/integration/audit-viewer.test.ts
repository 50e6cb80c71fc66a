import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, certificates, editions, experts, organisations, supervisionCases, winners } from '../../src/db/schema/index.js';
import { recordAudit } from '../../src/services/audit/record.js';
import { inTransaction } from '../../src/services/context.js';
import { startTestApp, TEST_PASSWORD, type Session, type TestApp } from './support/app.js';
import { databaseKinds } from './support/databases.js';
import { creditCode, openEdition, registerApplicant } from './support/intake.js';

interface Item {
  seq: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string;
  entityName: string | null;
  before: unknown;
  after: unknown;
}

/** The audit administrator's viewer: each filter, the objects' names, the Excel export, the login trail. */
describe.each(databaseKinds)('audit viewer on %s', (kind) => {
  let t: TestApp;
  let auditor: Session;
  let office: Session;
  let officeId: string;
  let editionId: string;
  let appId: string;
  const items = async (query: string): Promise<Item[]> => {
    const res = await auditor.get(`/api/audit?limit=500${query ? `&${query}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('auditor', ['auditadmin']);
    officeId = await t.createUser('office_viewer', ['office']);
    await t.createUser('secadmin', ['secadmin']);
    await t.createUser('lockme', ['office']);
    auditor = await t.login('auditor');
    office = await t.login('office_viewer');
    editionId = await openEdition(t, office);
    const unit = await registerApplicant(t, 'unit', creditCode(31), '临沂筛选示范有限公司', 'filtered');
    appId = (await unit.send('POST', '/api/applications', {})).json().id as string;
    await unit.send('PATCH', `/api/applications/${appId}`, { revision: 1, form: { address: '临沂市兰山区筛选路1号' } });
  });
  afterAll(() => t.close());

  it('filters by action, one or several', async () => {
    const created = await items('actions=user.create');
    const inDb = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.create'));
    expect(created.map((r) => r.seq).sort()).toEqual(inDb.map((r) => r.seq).sort());
    expect(created.length).toBeGreaterThanOrEqual(4);
    const two = await items('actions=edition.create,edition.publishCall');
    expect(new Set(two.map((r) => r.action))).toEqual(new Set(['edition.create', 'edition.publishCall']));
    expect((await auditor.get('/api/audit?actions=not-an-action')).statusCode).toBe(422);
  });

  it('filters by actor: id, or a fragment of the username', async () => {
    const byId = await items(`actorId=${officeId}`);
    expect(byId.length).toBeGreaterThan(0);
    expect(byId.every((r) => r.actorId === officeId)).toBe(true);
    expect(byId.map((r) => r.action)).toContain('edition.publishCall');
    const byName = await items('actor=ce_view');
    expect(byName.map((r) => r.seq)).toEqual(byId.map((r) => r.seq));
    expect(byName.every((r) => r.actorUsername === 'office_viewer')).toBe(true);
    expect(await items('actor=nobody-like-this')).toEqual([]);
  });

  it('filters by object: type, exact id, or a fragment of its name', async () => {
    const byId = await items(`entity=${appId}`);
    expect(byId.length).toBeGreaterThanOrEqual(2);
    expect(byId.every((r) => r.entityId === appId && r.entityName === '临沂筛选示范有限公司')).toBe(true);
    const byName = await items('entityType=application&entity=筛选示范');
    expect(byName.map((r) => r.seq)).toEqual(byId.map((r) => r.seq));
    const editionRecords = await items('entityType=edition');
    expect(editionRecords.length).toBeGreaterThan(0);
    expect(editionRecords.every((r) => r.entityType === 'edition')).toBe(true);
    // A name without a type searches every named type: the edition by its name.
    expect((await items('entity=年度市长质量奖')).some((r) => r.entityType === 'edition' && r.entityId === editionId)).toBe(true);
    // Wildcards are taken literally.
    expect(await items('entityType=application&entity=%25')).toEqual([]);
  });

  it('filters by Shanghai calendar days, inclusive', async () => {
    // 2026-12-01 17:30 UTC is already 2 December in Shanghai.
    t.clock.set('2026-12-01T17:30:00Z');
    const lateId = await t.createUser('late_night', ['office']);
    t.clock.set('2026-11-30T02:00:00Z'); // back, so the sessions stay fresh
    const late = (rows: Item[]) => rows.some((r) => r.action === 'user.create' && r.entityId === lateId);
    expect(late(await items('from=2026-12-02&to=2026-12-02'))).toBe(true);
    expect(late(await items('to=2026-12-01'))).toBe(false);
    expect(late(await items('from=2026-12-01&to=2026-12-01'))).toBe(false);
    const day = await items('from=2026-12-02');
    expect(day.map((r) => r.entityId)).toEqual([lateId]);
    expect((await auditor.get('/api/audit?from=2026-12-03&to=2026-12-02')).statusCode).toBe(422);
  });

  it('names the newer kinds of objects: expert, winner, certificate, supervision case', async () => {
    const db = t.database.db;
    const [agency] = await db.select({ id: organisations.id }).from(organisations).limit(1);
    const [expert] = await db.insert(experts).values({ agencyId: agency.id, name: '名称专家', unit: '临沂大学', title: '教授', industries: ['C'], phone: '13800000000', maxLoad: 5 }).returning();
    t.tolerateBroken('awards.winner-decision', 'a winner row inserted directly, only to name it in the audit list (no government decision behind it)');
    const [winner] = await db.insert(winners).values({ editionId, applicationId: appId, identityCode: creditCode(31), name: '临沂筛选示范有限公司', kind: 'unit', category: 'award' }).returning();
    const [certificate] = await db.insert(certificates).values({ winnerId: winner.id, serial: 'LY-2026-0001', issuedOn: '2026-12-01' }).returning();
    const [kase] = await db.insert(supervisionCases).values({ editionId, reference: 'JD-2026-0042', kind: 'revocation', applicationId: appId, winnerId: winner.id, facts: '弄虚作假', reportedBy: officeId }).returning();
    await inTransaction(t.ctxFor({ userId: officeId, roles: ['office'], organisationId: null } as never), async (tctx) => {
      await recordAudit(tctx, { action: 'expert.disqualify', entityType: 'expert', entityId: expert.id, after: { reason: '滥用职权' } });
      await recordAudit(tctx, { action: 'prize.payment', entityType: 'winner', entityId: winner.id, after: { amountFen: -100 } });
      await recordAudit(tctx, { action: 'certificate.issue', entityType: 'certificate', entityId: certificate.id });
      await recordAudit(tctx, { action: 'case.open', entityType: 'case', entityId: kase.id });
    });
    const named = async (entityType: string) => (await items(`entityType=${entityType}`)).map((r) => r.entityName);
    expect(await named('expert')).toContain('名称专家（临沂大学）');
    expect(await named('winner')).toContain('临沂筛选示范有限公司');
    expect(await named('certificate')).toContain('临沂筛选示范有限公司 证书 LY-2026-0001');
    expect(await named('case')).toContain('JD-2026-0042');
    // The name search reaches them too.
    expect((await items('entity=JD-2026-0042')).map((r) => r.action)).toEqual(['case.open']);
    expect((await items('entity=名称专家')).map((r) => r.action)).toEqual(['expert.disqualify']);
  });

  it('keeps before and after of a change', async () => {
    const [update] = await items(`actions=application.update&entity=${appId}`);
    expect(update.before).toMatchObject({ address: null });
    expect(update.after).toMatchObject({ address: '临沂市兰山区筛选路1号' });
  });

  it('puts failed logins, the lockout and the unlock in the trail, under one quick filter', async () => {
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lockme', password } });
    for (let i = 0; i < 5; i++) expect((await attempt('Wrong-Pass-1')).statusCode).toBe(401);
    expect((await attempt(TEST_PASSWORD)).json().code).toBe('login_delayed');
    const [lockme] = await items('actions=user.create&entityType=user&entity=lockme');
    const secadmin = await t.login('secadmin');
    expect((await secadmin.send('POST', `/api/users/${lockme.entityId}/unlock`)).statusCode).toBe(200);
    const trail = await items(`actions=auth.failed,auth.delayed,user.unlock&entity=${lockme.entityId}`);
    const actions = trail.map((r) => r.action).reverse();
    expect(actions.filter((a) => a === 'auth.failed')).toHaveLength(6); // five counted, one refused during the delay
    expect(actions.filter((a) => a === 'auth.delayed')).toHaveLength(1);
    expect(actions.at(-1)).toBe('user.unlock');
    expect(trail.every((r) => r.entityName === 'lockme')).toBe(true);
    // An unknown username's failures are found by the username.
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost-user', password: 'Wrong-Pass-1' } });
    expect((await items('actions=auth.failed&entity=ghost-user')).map((r) => r.entityType)).toEqual(['login']);
  });

  it('exports the filtered records to Excel', async () => {
    const expected = await items('actions=user.create');
    const res = await auditor.get('/api/audit/export.xlsx?actions=user.create');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('审计日志-'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('序号');
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[1])).toEqual(expected.map((r) => r.seq));
    expect(rows.every((r) => r[5] === '新建用户' && r[7] === '用户')).toBe(true);
    expect(rows.map((r) => r[8])).toContain('late_night');
    expect((await office.get('/api/audit/export.xlsx')).statusCode).toBe(403);
  });

  it('shows where the chain breaks: sequence, time and problem', async () => {
    const [victim] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'edition.publishCall'), inArray(auditLog.entityId, [editionId])));
    t.tolerateBroken('audit.chain', 'this test edits a record behind the append-only trigger on purpose');
    await t.database.superuserQuery(`ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET after = '{"forged":true}' WHERE seq = ${victim.seq}; ALTER TABLE audit_log ENABLE TRIGGER USER;`);
    const result = (await auditor.get('/api/audit/verify')).json();
    expect(result).toMatchObject({ ok: false, checked: victim.seq - 1, firstBroken: { seq: victim.seq, at: victim.at.toISOString() } });
    expect(result.firstBroken.problem).toContain('篡改');
    void editions;
  });
});
