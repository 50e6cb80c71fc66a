import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { desc, eq, sql } from 'drizzle-orm';
import { auditHead, auditLog, auditPending } from '../../src/db/schema/index.js';
import { recordAudit } from '../../src/services/audit/record.js';
import { inTransaction } from '../../src/services/context.js';
import { auditCount } from './support/fixtures.js';
import { budget } from '../support/budget.js';
import { completeUnitForm, creditCode, openEdition, registerApplicant } from './support/intake.js';

describe.each(databaseKinds)('audit trail on %s', (kind) => {
  let t: TestApp;
  let auditor: Session;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('auditor', ['auditadmin']);
    await t.createUser('admin', ['sysadmin']);
    auditor = await t.login('auditor');
  });
  afterAll(() => t.close());

  it('lets only the audit administrator read it', async () => {
    const admin = await t.login('admin');
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    const res = await auditor.get('/api/audit?limit=5');
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].action).toBe('auth.login');
    expect(res.json().items).toHaveLength(5);
  });

  it('chains appenders that commit at the same moment one after another, the head at the last', async () => {
    const before = (await auditor.get('/api/audit/verify')).json().checked as number;
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(t.systemCtx(), async (tctx) => {
          await tctx.tx.execute(sql`SELECT pg_sleep(0.01)`);
          await recordAudit(tctx, { action: 'organisation.update', entityType: 'test', entityId: `at-once-${i}` });
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const after = (await auditor.get('/api/audit/verify')).json();
    expect(after).toMatchObject({ ok: true, checked: before + 40 });
    const [head] = await t.database.db.select().from(auditHead);
    const [last] = await t.database.db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(head).toMatchObject(last);
  });

  it('chains at commit and leaves nothing pending, committed or rolled back', async () => {
    const pendingRows = async () => Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(auditPending))[0].n);
    const seqOf = async (entityId: string) => (await t.database.db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.entityId, entityId))).map((r) => r.seq);
    await inTransaction(t.systemCtx(), async (tctx) => {
      await recordAudit(tctx, { action: 'organisation.update', entityType: 'test', entityId: 'kept-1' });
      await recordAudit(tctx, { action: 'organisation.update', entityType: 'test', entityId: 'kept-2', after: { name: '“引号” "quoted" \\ back\\slash' } });
    });
    const [first, second] = [await seqOf('kept-1'), await seqOf('kept-2')];
    expect(second[0]).toBe(first[0] + 1);
    const failed = inTransaction(t.systemCtx(), async (tctx) => {
      await recordAudit(tctx, { action: 'organisation.update', entityType: 'test', entityId: 'rolled-back' });
      throw new Error('the use case failed');
    });
    await expect(failed).rejects.toThrow('the use case failed');
    expect(await seqOf('rolled-back')).toEqual([]);
    expect(await pendingRows()).toBe(0);
    const [head] = await t.database.db.select().from(auditHead);
    expect(head.seq).toBe(second[0]);
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('names the objects of a page: application, organisation, username, edition', async () => {
    const officeId = await t.createUser('office', ['office']);
    const office = await t.login('office');
    const editionId = await openEdition(t, office);
    const unit = await registerApplicant(t, 'unit', creditCode(7), '临沂审计示范有限公司', 'audited');
    const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
    await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: { address: '临沂市兰山区审计路1号' } });
    const items = (await auditor.get('/api/audit?limit=500')).json().items as Array<{ action: string; entityType: string; entityId: string; entityName: string | null }>;
    const named = (action: string, entityId?: string) => items.find((r) => r.action === action && (!entityId || r.entityId === entityId))?.entityName;
    expect(named('edition.publishCall', editionId)).toBe('2026年度市长质量奖');
    expect(named('application.update', id)).toBe('临沂审计示范有限公司');
    expect(named('user.create', officeId)).toBe('office');
    expect(named('account.register')).toBeDefined();
    expect(items.filter((r) => r.entityType === 'organisation').every((r) => r.entityName)).toBe(true);
    // Records that name no table row keep a null name.
    expect(items.filter((r) => r.entityType === 'login').every((r) => r.entityName === null)).toBe(true);
  });

  it('records only what an application edit changed, not the fields autosave sends unchanged', async () => {
    const unit = await registerApplicant(t, 'unit', creditCode(8), '临沂自动保存有限公司', 'autosaver');
    const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
    const form = await completeUnitForm(t);
    const first = await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form });
    expect(first.statusCode).toBe(200);
    const items = Object.keys(form.selfEvaluation);
    // Autosave: the whole form again, with the address and one self-evaluation item changed.
    const again = { ...form, address: '临沂市河东区新地址2号', selfEvaluation: { ...form.selfEvaluation, [items[0]]: '改写后的自我评价。' } };
    expect((await unit.send('PATCH', `/api/applications/${id}`, { revision: 2, form: again })).statusCode).toBe(200);
    const [record] = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(desc(auditLog.seq)).limit(1);
    expect(record.action).toBe('application.update');
    expect(record.before).toEqual({ address: form.address, selfEvaluation: { [items[0]]: form.selfEvaluation[items[0]] } });
    expect(record.after).toEqual({ address: '临沂市河东区新地址2号', selfEvaluation: { [items[0]]: '改写后的自我评价。' } });
  });

  it('rejects UPDATE and DELETE in the database itself [Art.24]', async () => {
    await expect(t.database.superuserQuery("UPDATE audit_log SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(t.database.superuserQuery('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('verifies an intact chain, then reports the first record edited behind the trigger [Art.24]', async () => {
    const intact = (await auditor.get('/api/audit/verify')).json();
    expect(intact).toEqual({ ok: true, checked: await auditCount(t), firstBroken: null });
    t.tolerateBroken('audit.chain', 'this test edits a record behind the append-only trigger on purpose');
    await t.database.superuserQuery(
      "ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET after = '{\"name\":\"forged\"}' WHERE seq = 3; ALTER TABLE audit_log ENABLE TRIGGER USER;",
    );
    const broken = (await auditor.get('/api/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3 } });
  });

  it('notices when the newest records are deleted', async () => {
    const t2 = await startTestApp(kind);
    t2.tolerateBroken('audit.chain', 'this test deletes the newest records on purpose');
    try {
      await t2.createUser('auditor2', ['auditadmin']);
      const a = await t2.login('auditor2');
      const total = (await a.get('/api/audit/verify')).json().checked as number;
      await t2.database.superuserQuery(`ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE seq >= ${total - 1}; ALTER TABLE audit_log ENABLE TRIGGER USER;`);
      const result = (await a.get('/api/audit/verify')).json();
      expect(result).toMatchObject({ ok: false, firstBroken: { seq: total - 1 } });
      expect(result.firstBroken.problem).toContain('末尾记录已被删除');
    } finally {
      await t2.close();
    }
  });
});

describe('audit verify on the command line', () => {
  it('exits 0 on an intact chain and 1 after a row is deleted, naming it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-audit-'));
    const t = await startTestApp('pglite', {}, await openDatabase({ pgliteDir: path.join(dataDir, 'db') }).then((d) => ({ ...d, superuserQuery: async () => [] })));
    const { seedReferenceData } = await import('../../src/services/seed/directory.js');
    await seedReferenceData(t.systemCtx());
    await t.close();
    await t.database.close();

    const cli = (args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } })
        .then((r) => ({ code: 0, ...r }))
        .catch((e: { code: number; stdout: string; stderr: string }) => e);
    const ok = await cli(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/intact: \d+ records/);

    const db = await openDatabase({ pgliteDir: path.join(dataDir, 'db') });
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE seq = 4; ALTER TABLE audit_log ENABLE TRIGGER USER;');
    await db.close();
    const broken = await cli(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('record 4');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, budget(120_000));
});
