import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/db/schema/index.js';
import { createTransport, deliverPending } from '../../src/services/mail/outbox-worker.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';
import { startSmtpSink } from './support/smtp-sink.js';

describe.each(databaseKinds)('the e-mail outbox on %s', (kind) => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp(kind, { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'award@linyi.example' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('sends queued mail through the SMTP server once, and marks it sent', async () => {
    await t.app.inject({ method: 'POST', url: '/api/register/code', payload: { email: 'applicant@example.cn' } });
    const transport = createTransport(t.config);
    expect(await deliverPending(t.database.db, transport)).toBe(1);
    expect(await deliverPending(t.database.db, transport)).toBe(0);
    expect(sink.mails).toHaveLength(1);
    expect(sink.mails[0].to).toEqual(['<applicant@example.cn>']);
    expect(sink.mails[0].data).toMatch(/Subject: =\?UTF-8\?/);
    const [row] = await t.database.db.select().from(outbox).where(eq(outbox.toAddress, 'applicant@example.cn'));
    expect(row.status).toBe('sent');
    expect(row.sentAt).not.toBeNull();
  });

  it('keeps a message pending with the error when the server is unreachable', async () => {
    await t.app.inject({ method: 'POST', url: '/api/register/code', payload: { email: 'later@example.cn' } });
    const down = createTransport({ ...t.config, smtp: { url: 'smtp://127.0.0.1:1', from: 'x@y.z' } });
    expect(await deliverPending(t.database.db, down)).toBe(0);
    const [row] = await t.database.db.select().from(outbox).where(eq(outbox.toAddress, 'later@example.cn'));
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
  });

  it('writes .eml files to the data folder when no SMTP server is configured', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-mail-'));
    await t.app.inject({ method: 'POST', url: '/api/register/code', payload: { email: 'pickup@example.cn' } });
    const pickup = createTransport({ ...t.config, dataDir, smtp: { url: undefined, from: 'award@linyi.example' } });
    // Release the lease of the failed attempt above so everything pending goes out now.
    expect(await deliverPending(t.database.db, pickup, new Date(Date.now() + 120_000))).toBe(2);
    const files = fs.readdirSync(path.join(dataDir, 'mail')).map((f) => fs.readFileSync(path.join(dataDir, 'mail', f), 'utf8'));
    expect(files.some((f) => f.includes('To: pickup@example.cn') && /注册验证码为：\d{6}/.test(f))).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
