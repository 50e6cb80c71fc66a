import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, fileReads, notifications } from '../../src/db/schema/index.js';
import { run as filesCli } from '../../src/cli/commands/files.js';
import { verifyAuditChain } from '../../src/services/audit/verify.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { createApplication, createEdition, depsOf, ensureFileRoutes, pdfBytes, upload } from './support/files-fixtures.js';

/** Issue 9 item 4: stored bytes that no longer match their sha256 are never served, and the office hears of it. */
describe.each(databaseKinds)('stored file integrity on %s', (kind) => {
  let t: TestApp;
  let dataDir: string;
  let owner: Session;
  let officeUserId: string;
  let applicationId: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrity-test-'));
    t = await startTestApp(kind, { DATA_DIR: dataDir });
    await ensureFileRoutes(t.app, depsOf(t));
    await t.createUser('unit1', ['applicant_unit']);
    officeUserId = await t.createUser('office1', ['office']);
    owner = await t.login('unit1');
    applicationId = await createApplication(t.database.db, { editionId: await createEdition(t.database.db), applicantUserId: owner.userId, countyId: await organisationId(t, 'county', '兰山区') });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const contentPath = (sha: string) => path.join(dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha);
  async function stored(seed: number): Promise<{ id: string; sha256: string; content: Buffer }> {
    const content = pdfBytes(20_000 + seed);
    const res = await upload(t, owner, applicationId, { name: `材料${seed}.pdf`, content });
    expect(res.statusCode).toBe(201);
    return { ...(res.json() as { id: string; sha256: string }), content };
  }
  const cliRun = async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await filesCli(['verify'], { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) }, { db: t.database.db, dataDir });
    return { code, out: out.join(''), err: err.join('') };
  };

  it('refuses a flipped byte, a truncated and a deleted file with a Chinese error, logs no read, audits and tells the office once', async () => {
    const intact = await stored(1);
    const flipped = await stored(2);
    const truncated = await stored(3);
    const deleted = await stored(4);
    expect(await cliRun()).toMatchObject({ code: 0, out: expect.stringContaining('已校验 4 个文件') });

    t.tolerateBroken('files.content', 'this test flips, truncates and deletes stored bytes on purpose');
    const flippedPath = contentPath(flipped.sha256);
    const bytes = fs.readFileSync(flippedPath);
    bytes[10_000] ^= 0x01;
    fs.writeFileSync(flippedPath, bytes);
    fs.truncateSync(contentPath(truncated.sha256), 15_000);
    fs.unlinkSync(contentPath(deleted.sha256));

    for (const [file, problem] of [
      [flipped, 'changed'],
      [truncated, 'size'],
      [deleted, 'missing'],
    ] as const) {
      const res = await owner.get(`/api/files/${file.id}`);
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ code: 'stored_file_damaged', message: expect.stringMatching(problem === 'missing' ? /文件已丢失/ : /文件校验失败/) });
      expect(await t.database.db.select().from(fileReads).where(eq(fileReads.fileId, file.id))).toEqual([]);
      const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'file.integrity'), eq(auditLog.entityId, file.id)));
      expect(audit).toMatchObject({ actorId: owner.userId, after: { problem, sha256: file.sha256 } });
    }
    // A second attempt is audited again but does not repeat the office's unread notice.
    expect((await owner.get(`/api/files/${flipped.id}`)).statusCode).toBe(500);
    expect(await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'file.integrity'), eq(auditLog.entityId, flipped.id)))).toHaveLength(2);
    const notices = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, officeUserId), eq(notifications.kind, 'file.damaged')));
    expect(notices).toHaveLength(3);
    expect(notices.map((n) => n.link)).toEqual([1, 2, 3].map(() => `/applications/${applicationId}`));
    expect(notices.map((n) => n.body).join('\n')).toContain(flipped.id);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);

    // The intact file is still served, byte for byte.
    const good = await owner.get(`/api/files/${intact.id}`);
    expect(good.statusCode).toBe(200);
    expect(good.rawPayload.equals(intact.content)).toBe(true);

    // The whole-store check names each damaged file and fails.
    const cli = await cliRun();
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`已改变 ${flipped.sha256}`);
    expect(cli.err).toContain(`已改变 ${truncated.sha256}`);
    expect(cli.err).toContain(`缺失 ${deleted.sha256}`);
    expect(cli.err).not.toContain(intact.sha256);
    expect(cli.err).toContain('3 个文件缺失或已改变（共校验 4 个）');
  });
});
