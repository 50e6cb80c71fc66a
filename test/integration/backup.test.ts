import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as backupCli, runRestore as restoreCli, type BackupTarget } from '../../src/cli/commands/backup.js';
import { migrateDatabase, migrationsFolder, openDatabase, type Database } from '../../src/db/connection.js';
import { files } from '../../src/db/schema/index.js';
import { verifyAuditChain } from '../../src/services/audit/verify.js';
import { recordAudit } from '../../src/services/audit/record.js';
import { inTransaction, type ServiceContext } from '../../src/services/context.js';
import { verifyAgainstWitness } from '../../src/services/audit/witness.js';
import { migrationLevel } from '../../src/services/backup/catalog.js';
import { folderAtLevel, programLevel } from '../../src/services/backup/levels.js';
import { readManifest } from '../../src/services/backup/manifest.js';
import { publishBackupEndpoint } from '../../src/services/backup/server-channel.js';
import { createTestDatabase, databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { createApplication, createEdition, depsOf, ensureFileRoutes, pdfBytes, upload } from './support/files-fixtures.js';

/** Issue 13: `backup` and `restore` on both databases, with the file store and the checks after a restore. */
describe.each(databaseKinds)('backup and restore on %s', (kind) => {
  let t: TestApp;
  let owner: Session;
  let applicationId: string;
  let work: string;
  const uploaded: Array<{ id: string; sha256: string; content: Buffer }> = [];
  const targets: Database[] = [];

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'));
    t = await startTestApp(kind, { DATA_DIR: path.join(work, 'source') });
    await ensureFileRoutes(t.app, depsOf(t));
    await t.createUser('unit1', ['applicant_unit']);
    await t.createUser('office1', ['office']);
    owner = await t.login('unit1');
    const editionId = await createEdition(t.database.db);
    applicationId = await createApplication(t.database.db, { editionId, applicantUserId: owner.userId, countyId: await organisationId(t, 'county', '兰山区') });
    t.tolerateBroken('lifecycle.state-without-history', 'a submitted application is seeded directly, only to be dumped and restored');
    await createApplication(t.database.db, { editionId, applicantUserId: owner.userId, state: 'submitted' });
    for (let i = 0; i < 3; i++) uploaded.push(await store(i));
    // A download is logged in file_reads (a bigserial id): the restored sequence must continue after it.
    expect((await owner.get(`/api/files/${uploaded[0].id}`)).statusCode).toBe(200);
    await audit('backup.fixture', 3);
  });
  afterAll(async () => {
    await t.close();
    for (const target of targets) await target.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  async function store(seed: number): Promise<{ id: string; sha256: string; content: Buffer }> {
    const content = pdfBytes(5_000 + seed);
    const res = await upload(t, owner, applicationId, { name: `材料${seed}.pdf`, content });
    expect(res.statusCode).toBe(201);
    return { ...(res.json() as { id: string; sha256: string }), content };
  }
  /** Audited changes of their own kind (the action is any valid one; the entity names the test). */
  async function audit(label: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await inTransaction(t.systemCtx(), (tctx) =>
        recordAudit(tctx, { action: 'organisation.update', entityType: 'test', entityId: `${label}-${i}`, after: { i, note: '备份测试 ✓', big: 2 ** 40 } }),
      );
    }
  }
  /** An empty database of this kind: PGlite fresh and unmigrated, PostgreSQL a new database. */
  async function emptyDatabase(): Promise<Database> {
    const database = kind === 'pglite' ? await openDatabase({ pgliteDir: 'memory://', migrate: false }) : await createTestDatabase(kind);
    targets.push(database);
    return database;
  }
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
  };
  let counter = 0;
  const fresh = (name: string) => path.join(work, `${name}-${++counter}`);

  /** Rows and content per table, computed independently of the backup code (md5 of the sorted rows). */
  async function fingerprint(database: Database): Promise<Record<string, { rows: number; md5: string }>> {
    return database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
      const tables = (await tx.execute(sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)) as unknown as { rows: Array<{ tablename: string }> };
      const result: Record<string, { rows: number; md5: string }> = {};
      for (const { tablename } of tables.rows) {
        const r = (await tx.execute(
          sql.raw(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY row_to_json(t)::text), '')) AS md5 FROM "${tablename}" t`),
        )) as unknown as { rows: Array<{ rows: number; md5: string }> };
        result[tablename] = r.rows[0];
      }
      return result;
    });
  }
  const sourceSite = (): BackupTarget => ({ database: t.database, dataDir: t.config.dataDir, witness: t.config.audit });
  /** Another system: its own data folder, witness log and key (as loadConfig places them). */
  const site = (database: Database, dataDir: string): BackupTarget => ({
    database,
    dataDir,
    witness: { file: path.join(dataDir, 'audit-witness.log'), keyFile: path.join(dataDir, 'audit-witness.key') },
  });
  /** A system context on another system: its audit heads are witnessed in its own log. */
  const ctxOn = (target: BackupTarget): ServiceContext => ({ ...t.systemCtx(), db: target.database.db, config: { ...t.config, dataDir: target.dataDir, audit: target.witness } });
  const contentPath = (dataDir: string, sha: string) => path.join(dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha);

  it('restores into an empty system the same rows, the same file bytes and a valid chain, and the system goes on from there', async () => {
    const dir = fresh('backup');
    const backup = io();
    expect(await backupCli([dir], backup.io, sourceSite())).toBe(0);
    expect(backup.out.join('')).toContain('备份已写入');
    const manifest = await readManifest(dir);
    expect(manifest.files.map((f) => f.sha256).sort()).toEqual(uploaded.map((f) => f.sha256).sort());
    expect(manifest.tables.find((x) => x.name === 'applications')?.rows).toBe(2);

    const target = await emptyDatabase();
    const dataDir = fresh('restored');
    const restore = io();
    expect(await restoreCli([dir], restore.io, site(target, dataDir))).toBe(0);
    expect(restore.out.join('')).toMatch(/恢复完成并校验通过：\d+ 张数据表/);
    expect(restore.err).toEqual([]);

    const source = await fingerprint(t.database);
    expect(source.audit_log.rows).toBeGreaterThanOrEqual(4);
    expect(source.files.rows).toBe(3);
    expect(await fingerprint(target)).toEqual(source);
    for (const f of uploaded) expect(fs.readFileSync(contentPath(dataDir, f.sha256))).toEqual(f.content);
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, checked: source.audit_log.rows });
    // The witness key came along (certificate serials stay valid) and its log agrees with the chain.
    expect(fs.readFileSync(path.join(dataDir, 'audit-witness.key'))).toEqual(fs.readFileSync(t.config.audit.keyFile));
    expect(await verifyAgainstWitness(target.db, site(target, dataDir).witness)).toMatchObject({ ok: true, lastWitnessedSeq: source.audit_log.rows });

    // Sequences continue after the restored ids; the restored users log in and read their files.
    const restoredApp = await startTestApp(kind, { DATA_DIR: dataDir }, { ...target, superuserQuery: async () => [] });
    try {
      await ensureFileRoutes(restoredApp.app, depsOf(restoredApp));
      const s = await restoredApp.login('unit1');
      const res = await s.get(`/api/files/${uploaded[1].id}`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload).toEqual(uploaded[1].content);
      // The login appended to the restored chain already; one more record continues it.
      const afterLogin = await verifyAuditChain(target.db);
      expect(afterLogin).toMatchObject({ ok: true, checked: source.audit_log.rows + 1 });
      await inTransaction(restoredApp.systemCtx(), (tctx) => recordAudit(tctx, { action: 'organisation.update', entityType: 'test', entityId: 'after-restore' }));
      expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, checked: afterLogin.checked + 1 });
      expect(await verifyAgainstWitness(target.db, site(target, dataDir).witness)).toMatchObject({ ok: true, lastWitnessedSeq: afterLogin.checked + 1 });
    } finally {
      await restoredApp.app.close();
    }
  });

  it('reports a tampered file and a tampered dump after the restore, exits 1, and keeps the restored data', async () => {
    const dir = fresh('backup');
    expect(await backupCli([dir], io().io, sourceSite())).toBe(0);
    const victim = uploaded[0];
    const copy = contentPath(dir, victim.sha256);
    const bytes = fs.readFileSync(copy);
    bytes[100] ^= 0x01;
    fs.writeFileSync(copy, bytes);
    // An edited row in the dump (the audit trail): both the dump's checksum and the chain catch it.
    const auditDump = path.join(dir, 'tables', 'audit_log.ndjson');
    fs.writeFileSync(auditDump, fs.readFileSync(auditDump, 'utf8').replace('backup.fixture', 'backup.forged'));

    const target = await emptyDatabase();
    const dataDir = fresh('restored');
    const restore = io();
    expect(await restoreCli([dir], restore.io, site(target, dataDir))).toBe(1);
    const err = restore.err.join('');
    expect(err).toContain(`文件 ${victim.sha256}：备份中的副本与其 SHA-256 不符`);
    expect(err).toContain(`材料0.pdf（文件 ${victim.id}）`);
    expect(err).toContain('数据表 audit_log：备份文件的 SHA-256 与清单不符');
    expect(err).toMatch(/审计链在第 \d+ 条记录处断开：记录内容与其哈希不符/);
    expect(err).toContain('恢复已完成（数据已写入），但校验发现');
    expect(fs.existsSync(contentPath(dataDir, victim.sha256))).toBe(false);
    expect(fs.readFileSync(contentPath(dataDir, uploaded[2].sha256))).toEqual(uploaded[2].content);
    expect(await target.db.select().from(files)).toHaveLength(3);
  });

  it('refuses a dump the database cannot take, naming the table, and restores nothing', async () => {
    const dir = fresh('backup');
    expect(await backupCli([dir], io().io, sourceSite())).toBe(0);
    const filesDump = path.join(dir, 'tables', 'files.ndjson');
    fs.writeFileSync(filesDump, fs.readFileSync(filesDump, 'utf8').replace(uploaded[0].id, `X${uploaded[0].id.slice(1)}`));
    const target = await emptyDatabase();
    await expect(restoreCli([dir], io().io, site(target, fresh('restored')))).rejects.toThrow(/^备份中数据表 files 的内容无法写入（.+）：该表的备份文件与清单的 SHA-256 不符，已被改动或损坏。未恢复任何数据$/);
    const left = Object.entries(await fingerprint(target)).filter(([, table]) => table.rows > 0);
    expect(left).toEqual([]);
  });

  it('refuses to restore into a system that holds data unless --force, which wipes it first', async () => {
    const dir = fresh('backup');
    expect(await backupCli([dir], io().io, sourceSite())).toBe(0);
    const target = await emptyDatabase();
    const dataDir = fresh('restored');
    expect(await restoreCli([dir], io().io, site(target, dataDir))).toBe(0);

    // The target now holds data: a second restore is refused.
    const refused = io();
    await expect(restoreCli([dir], refused.io, site(target, dataDir))).rejects.toThrow(/目标系统已有数据（数据表 \w+ 中有记录），拒绝恢复以免覆盖。确认要清空目标并恢复，请加 --force/);

    // A store with files only is not empty either.
    const filesOnly = await emptyDatabase();
    await expect(restoreCli([dir], io().io, site(filesOnly, dataDir))).rejects.toThrow(/文件存储 .* 中有文件/);

    // --force: the target's own extra rows are gone, the backup's are back, the chain holds.
    const before = await fingerprint(t.database);
    await inTransaction(ctxOn(site(target, dataDir)), (tctx) => recordAudit(tctx, { action: 'organisation.update', entityType: 'test', entityId: 'only-in-target' }));
    const forced = io();
    expect(await restoreCli([dir, '--force'], forced.io, site(target, dataDir))).toBe(0);
    expect(await fingerprint(target)).toEqual(before);
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
  });

  it('restores a backup taken at an older migration level at that level, then brings it up to date', async () => {
    const old = await emptyDatabase();
    await old.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE;');
    const current = await programLevel();
    const previous = await folderAtLevel({ count: current.count - 1, lastWhen: null }).catch(() => null);
    expect(previous).toBeNull(); // the level's timestamp must match the program's journal
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number }> };
    const level = { count: current.count - 1, lastWhen: journal.entries[current.count - 2].when };
    const folder = await folderAtLevel(level);
    await migrateDatabase(old, folder.folder);
    await folder.remove();
    const oldSite = site(old, fresh('old-data'));
    // Plain SQL: the program's own writes (its audit trail, for one) target the current schema.
    await old.exec(`INSERT INTO organisations (name, kind, code) VALUES ('临沂市兰山区', 'county', '371302'), ('临沂市市场监督管理局', 'department', 'scjg')`);
    const dir = fresh('old-backup');
    expect(await backupCli([dir], io().io, oldSite)).toBe(0);
    expect((await readManifest(dir)).migration).toEqual(level);

    const target = await emptyDatabase();
    const restore = io();
    expect(await restoreCli([dir], restore.io, site(target, fresh('restored')))).toBe(0);
    expect(restore.err).toEqual([]);
    const before = await fingerprint(old);
    const after = await fingerprint(target);
    for (const [table, content] of Object.entries(before)) expect(after[table]).toEqual(content);
    // Brought up to date: at the program's level (the newest migration need not add a table).
    expect(Object.keys(after)).toEqual(expect.arrayContaining(Object.keys(before)));
    expect(await migrationLevel(target.db)).toEqual(current);
  });

  it('takes a consistent backup while uploads and audited changes go on', async () => {
    const dir = fresh('backup');
    let writing = true;
    const writer = (async () => {
      let n = 100;
      while (writing) {
        await store(n++);
        await audit(`concurrent.${n}`, 1);
      }
      return n - 100;
    })();
    await new Promise((r) => setTimeout(r, 50));
    expect(await backupCli([dir], io().io, sourceSite())).toBe(0);
    writing = false;
    const writes = await writer;
    expect(writes).toBeGreaterThan(0);

    const target = await emptyDatabase();
    const dataDir = fresh('restored');
    const restore = io();
    expect(await restoreCli([dir], restore.io, site(target, dataDir))).toBe(0);
    expect(restore.err).toEqual([]);
    const manifest = await readManifest(dir);
    const restoredFiles = await target.db.select().from(files);
    expect(restoredFiles).toHaveLength(manifest.tables.find((x) => x.name === 'files')!.rows);
    for (const f of restoredFiles) expect(fs.existsSync(contentPath(dataDir, f.sha256))).toBe(true);
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, checked: manifest.auditHead!.seq });
  });

});


/** PGlite only: the server holds the folder, so it writes the backup the CLI asks for (services/backup/server-channel.ts). */
describe('backup through a running server on PGlite', () => {
  let t: TestApp;
  let work: string;
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-server-test-'));
    t = await startTestApp('pglite', { DATA_DIR: path.join(work, 'data') });
    await ensureFileRoutes(t.app, depsOf(t));
    await t.createUser('unit1', ['applicant_unit']);
    const owner = await t.login('unit1');
    const applicationId = await createApplication(t.database.db, { editionId: await createEdition(t.database.db), applicantUserId: owner.userId });
    expect((await upload(t, owner, applicationId, { name: '材料.pdf', content: pdfBytes(1_000) })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(work, { recursive: true, force: true });
  });
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
  };

  it('lets the CLI take the backup through the running server that holds the PGlite folder', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const published = await publishBackupEndpoint(t.config.dataDir, address);
    const previous = process.env.DATA_DIR;
    process.env.DATA_DIR = t.config.dataDir;
    try {
      const wrong = await t.app.inject({ method: 'POST', url: '/api/system/backup', headers: { 'x-backup-token': 'nope' }, payload: { dir: path.join(work, 'x') } });
      expect(wrong.statusCode).toBe(404);
      const remote = await t.app.inject({ method: 'POST', url: '/api/system/backup', remoteAddress: '10.1.2.3', headers: { 'x-backup-token': published.endpoint.token }, payload: { dir: path.join(work, 'y') } });
      expect(remote.statusCode).toBe(404);
      expect(fs.existsSync(path.join(work, 'y'))).toBe(false);
      const dir = path.join(work, 'via-server');
      const cli = io();
      expect(await backupCli([dir], cli.io)).toBe(0);
      expect(cli.err.join('')).toContain('由服务器写入备份');
      expect(cli.out.join('')).toContain(`备份已写入 ${dir}`);
      expect((await readManifest(dir)).files).toHaveLength(1);
      // The target must be new or empty.
      const again = io();
      expect(await backupCli([dir], again.io)).toBe(1);
      expect(again.err.join('')).toContain('不是空目录');
    } finally {
      if (previous === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previous;
      await published.remove();
    }
  });
});
