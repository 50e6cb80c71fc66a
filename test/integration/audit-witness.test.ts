import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { run as auditCli } from '../../src/cli/commands/audit.js';
import { auditLog } from '../../src/db/schema/index.js';
import { auditHash } from '../../src/services/audit/chain.js';
import { verifyAuditChain } from '../../src/services/audit/verify.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';

/** Issue 9 item 5: a chain rewritten by whoever controls the database verifies by itself, but not against the witness. */
describe.each(databaseKinds)('the audit witness on %s', (kind) => {
  let t: TestApp;
  let dataDir: string;
  afterEach(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** An app whose audited changes are witnessed under a fresh data folder, with a few records. */
  async function withRecords(): Promise<number> {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'witness-test-'));
    t = await startTestApp(kind, { DATA_DIR: dataDir });
    for (let i = 1; i <= 5; i++) await t.createUser(`witness${i}`, ['expert']);
    const rows = await t.database.db.select({ seq: auditLog.seq }).from(auditLog);
    return rows.length;
  }
  const cli = async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await auditCli(['verify'], { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) }, { db: t.database.db, witness: t.config.audit });
    return { code, out: out.join(''), err: err.join('') };
  };
  const tamper = (statements: string) => t.database.superuserQuery(`ALTER TABLE audit_log DISABLE TRIGGER USER; ${statements} ALTER TABLE audit_log ENABLE TRIGGER USER;`);

  it('agrees with an intact chain; the key file is created 0600 outside the database', async () => {
    const total = await withRecords();
    const result = await cli();
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`chain head ${total}`);
    expect(fs.statSync(t.config.audit.keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(t.config.audit.file, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(6);
  });

  it('detects the newest records deleted and the head moved back', async () => {
    const total = await withRecords();
    const [kept] = (await t.database.superuserQuery(`SELECT hash FROM audit_log WHERE seq = ${total - 2}`)) as Array<{ hash: string }>;
    await tamper(`DELETE FROM audit_log WHERE seq > ${total - 2}; UPDATE audit_head SET seq = ${total - 2}, hash = '${kept.hash}';`);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true); // the chain alone is fooled
    const result = await cli();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`见证过的记录 ${total} 已不在数据库中（审计链被截断`);
  });

  it('detects a record edited and every later hash recomputed with the public algorithm', async () => {
    const total = await withRecords();
    const rows = await t.database.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    const edited = total - 3;
    let prevHash = rows[edited - 2].hash;
    const updates: string[] = [];
    for (const row of rows.slice(edited - 1)) {
      const after = row.seq === edited ? { forged: true } : row.after;
      const hash = auditHash({ ...row, after, prevHash });
      updates.push(`UPDATE audit_log SET after = '${JSON.stringify(after)}'::jsonb, prev_hash = '${prevHash}', hash = '${hash}' WHERE seq = ${row.seq};`);
      prevHash = hash;
    }
    await tamper(`${updates.join(' ')} UPDATE audit_head SET hash = '${prevHash}';`);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true); // the chain alone is fooled
    const result = await cli();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`记录 ${total} 的哈希与见证的不符（审计链被改写）`);
  });

  it('refuses a witness line forged without the key', async () => {
    await withRecords();
    const lines = fs.readFileSync(t.config.audit.file, 'utf8').trim().split('\n');
    const [seq, , at, mac] = lines.at(-1)!.split(' ');
    fs.appendFileSync(t.config.audit.file, `${Number(seq) + 1} ${'a'.repeat(64)} ${at} ${mac}\n`);
    const result = await cli();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`见证文件第 ${lines.length + 1} 行的签名无效`);
  });
});
