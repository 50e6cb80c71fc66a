import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempSweep } from '../../src/services/files/sweep.js';
import { shutdownGracefully } from '../../src/shutdown.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';
import { createApplication, createEdition, depsOf, ensureFileRoutes, multipartBody, pdfBytes } from './support/files-fixtures.js';

/** Issue 9 items 6 and 7: a stalled client holds neither a request nor the shutdown, and dead uploads' temp files go away while the server runs. */
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await wait(20);
  }
}

interface Fixture {
  t: TestApp;
  dataDir: string;
  port: number;
  owner: Session;
  applicationId: string;
}

async function fixture(env: Record<string, string>): Promise<Fixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stalled-test-'));
  const t = await startTestApp('pglite', { DATA_DIR: dataDir, ...env });
  await ensureFileRoutes(t.app, depsOf(t));
  await t.createUser('unit1', ['applicant_unit']);
  const owner = await t.login('unit1');
  const applicationId = await createApplication(t.database.db, { editionId: await createEdition(t.database.db), applicantUserId: owner.userId, countyId: await organisationId(t, 'county', '兰山区') });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { t, dataDir, port: (t.app.server.address() as net.AddressInfo).port, owner, applicationId };
}

const temps = (f: Fixture) => (fs.existsSync(path.join(f.dataDir, 'files', 'tmp')) ? fs.readdirSync(path.join(f.dataDir, 'files', 'tmp')) : []);

/**
 * An upload over a raw socket: headers announce the whole body, then `pieces` are written
 * `everyMs` apart (the rest of the body is never sent when `stallAfter` is given).
 */
function rawUpload(f: Fixture, content: Buffer, options: { pieces: number; everyMs: number; stallAfter?: number }) {
  const { body, contentType } = multipartBody('材料.pdf', content);
  const socket = net.connect(f.port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => (answer += d));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(
    `POST /api/applications/${f.applicationId}/files?purpose=evidence HTTP/1.1\r\nHost: x\r\nCookie: ${f.owner.cookie}\r\nX-CSRF-Token: ${f.owner.csrfToken}\r\n` +
      `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  const size = Math.ceil(body.length / options.pieces);
  const sending = (async () => {
    for (let i = 0; i < options.pieces; i++) {
      if (options.stallAfter !== undefined && i >= options.stallAfter) return;
      if (socket.destroyed) return;
      socket.write(body.subarray(i * size, (i + 1) * size));
      await wait(options.everyMs);
    }
  })();
  return { socket, closed, sending, answer: () => answer };
}

describe('a request body that stops arriving', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture({ BODY_IDLE_SECONDS: '1' });
  });
  afterAll(async () => {
    await f.t.close();
    fs.rmSync(f.dataDir, { recursive: true, force: true });
  });

  it('is cut after the idle timeout and leaves no temp file; the server goes on serving', async () => {
    const started = Date.now();
    const upload = rawUpload(f, pdfBytes(400_000), { pieces: 10, everyMs: 10, stallAfter: 5 });
    await until(() => temps(f).length === 1, 5_000);
    await upload.closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(6_000);
    await until(() => temps(f).length === 0, 3_000);
    expect((await fetch(`http://127.0.0.1:${f.port}/api/health`)).status).toBe(200);
  });

  it('spares a slow upload that keeps sending', async () => {
    const upload = rawUpload(f, pdfBytes(100_000), { pieces: 6, everyMs: 400 });
    await upload.sending;
    await until(() => upload.answer().includes('\r\n\r\n'), 10_000);
    expect(upload.answer()).toMatch(/^HTTP\/1.1 201/);
    upload.socket.destroy();
  });
});

describe('shutdown with a stalled upload in flight', () => {
  it('answers new connections 503 while draining, answers the upload 503 and cuts it at the deadline, and removes its temp file', async () => {
    const f = await fixture({ BODY_IDLE_SECONDS: '600' });
    try {
      const upload = rawUpload(f, pdfBytes(400_000), { pieces: 10, everyMs: 10, stallAfter: 5 });
      await until(() => temps(f).length === 1, 5_000);
      const started = Date.now();
      const shutdown = shutdownGracefully({ app: f.t.app, deadlineMs: 1_000, dataDir: f.dataDir });
      await wait(200);
      const during = await fetch(`http://127.0.0.1:${f.port}/api/health`);
      expect(during.status).toBe(503);
      expect(await during.json()).toEqual({ code: 'service_unavailable', message: '服务正在重启，请稍后重试' });
      expect(await shutdown).toMatchObject({ cut: 1 });
      expect(Date.now() - started).toBeLessThan(5_000);
      await upload.closed;
      // The cut upload's client still gets an answer, not just a dropped connection.
      expect(upload.answer()).toMatch(/^HTTP\/1.1 503/);
      expect(upload.answer()).toContain('服务正在重启，请稍后重试');
      expect(temps(f)).toEqual([]);
    } finally {
      await f.t.database.close();
      fs.rmSync(f.dataDir, { recursive: true, force: true });
    }
  });
});

describe('the periodic temp sweep', () => {
  it('removes dead uploads while the server runs and spares young temp files', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-test-'));
    const tmp = path.join(dataDir, 'files', 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    const dead = path.join(tmp, `1-99999-dead.part`);
    const young = path.join(tmp, `2-99999-young.part`);
    fs.writeFileSync(dead, 'x');
    fs.writeFileSync(young, 'y');
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(dead, tenMinutesAgo, tenMinutesAgo);
    const swept: number[] = [];
    const sweep = startTempSweep(dataDir, { intervalMs: 50, graceMs: 60_000, onSwept: (n) => swept.push(n) });
    try {
      await until(() => !fs.existsSync(dead), 3_000);
      await wait(200);
      expect(fs.existsSync(young)).toBe(true);
      expect(swept.reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      sweep.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('uploads beyond what the server reads at once', () => {
  it('wait unread, in order, without being cut as stalled, while other requests are answered at once', async () => {
    const f = await fixture({ BODY_IDLE_SECONDS: '1', UPLOADS_AT_ONCE: '1', UPLOAD_MAX_LAG_MS: '0' });
    try {
      const first = rawUpload(f, pdfBytes(100_000), { pieces: 8, everyMs: 250 });
      await until(() => temps(f).length === 1, 5_000);
      // Its body arrives in pieces: once the unread part fills the buffers, nothing moves on its socket.
      const second = rawUpload(f, pdfBytes(200_000), { pieces: 4, everyMs: 300 });
      const leaving = rawUpload(f, pdfBytes(60_000), { pieces: 1, everyMs: 0 });
      await wait(200);
      leaving.socket.destroy();
      const health = Date.now();
      expect((await fetch(`http://127.0.0.1:${f.port}/api/health`)).status).toBe(200);
      expect(Date.now() - health).toBeLessThan(1_000);
      // Longer than the idle timeout: the waiting upload is neither read nor cut.
      await wait(1_300);
      expect(second.answer()).toBe('');
      expect(second.socket.destroyed).toBe(false);
      expect(temps(f)).toHaveLength(1);
      await until(() => first.answer().includes('\r\n\r\n'), 10_000);
      expect(first.answer()).toMatch(/^HTTP\/1.1 201/);
      await until(() => second.answer().includes('\r\n\r\n'), 10_000);
      expect(second.answer()).toMatch(/^HTTP\/1.1 201/);
      // The place of the client that left was not lost: a later upload is read and stored.
      const later = rawUpload(f, pdfBytes(70_000), { pieces: 1, everyMs: 0 });
      await until(() => later.answer().includes('\r\n\r\n'), 10_000);
      expect(later.answer()).toMatch(/^HTTP\/1.1 201/);
      for (const u of [first, second, later]) u.socket.destroy();
    } finally {
      await f.t.close();
      fs.rmSync(f.dataDir, { recursive: true, force: true });
    }
  });
});
