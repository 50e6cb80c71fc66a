import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { auditCount } from './support/fixtures.js';
import { budget } from '../support/budget.js';

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

  it('rejects UPDATE and DELETE in the database itself', async () => {
    await expect(t.database.superuserQuery("UPDATE audit_log SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(t.database.superuserQuery('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('verifies an intact chain, then reports the first record edited behind the trigger', async () => {
    const intact = (await auditor.get('/api/audit/verify')).json();
    expect(intact).toEqual({ ok: true, checked: await auditCount(t), firstBroken: null });
    await t.database.superuserQuery(
      "ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET after = '{\"name\":\"forged\"}' WHERE seq = 3; ALTER TABLE audit_log ENABLE TRIGGER USER;",
    );
    const broken = (await auditor.get('/api/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3 } });
  });

  it('notices when the newest records are deleted', async () => {
    const t2 = await startTestApp(kind);
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
