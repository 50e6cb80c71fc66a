import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createApplication, createEdition, depsOf, ensureFileRoutes, pdfBytes, upload } from './support/files-fixtures.js';
import { organisationId } from './support/fixtures.js';
import { freePort } from './support/server-child.js';

/** Issue 9 item 2: a database that cannot be reached is a 503, a full disk a 507, and /api/health says which. */
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const login = (t: TestApp) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Wrong-Pass-2026' } });

/** An app whose database handle points at `url`, opened without migrating (it cannot be reached). */
async function appOnUnreachable(url: string, connectionTimeoutMs: number): Promise<TestApp> {
  const database = await openDatabase({ databaseUrl: url, migrate: false, connectionTimeoutMs });
  const t = await startTestApp('pglite', {}, { ...database, superuserQuery: async () => [] } as TestDatabase);
  cleanups.push(() => t.app.close(), () => database.close());
  return t;
}

describe('a database that cannot be reached', () => {
  it('answers 503 database_unavailable with a Chinese message when PGlite is closed, and health names the database', async () => {
    const database = await createTestDatabase('pglite');
    const t = await startTestApp('pglite', {}, database);
    cleanups.push(() => t.app.close());
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await database.close();

    const res = await login(t);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ code: 'database_unavailable', message: expect.stringContaining('服务暂时不可用') });
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', database: 'error', storage: 'ok', problems: ['数据库无法连接'] });
  });

  it('answers 503 when PostgreSQL refuses the connection', async () => {
    const t = await appOnUnreachable(`postgres://x:y@127.0.0.1:${await freePort()}/none`, 5_000);
    const res = await login(t);
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('database_unavailable');
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'unavailable', database: 'error' });
  });

  it('does not hang a request on a host that never answers: the pool gives up after its connection timeout', async () => {
    // Accepts TCP connections and never says a word, like a host behind a dropped route.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const t = await appOnUnreachable(`postgres://x:y@127.0.0.1:${(silent.address() as net.AddressInfo).port}/none`, 300);
    const started = Date.now();
    const res = await login(t);
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('database_unavailable');
    expect(Date.now() - started).toBeLessThan(3_000);
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(['timeout', 'error']).toContain(health.json().database);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('a PostgreSQL pool with every connection busy', () => {
  it('answers 503 database_busy with Retry-After, not "cannot connect", and serves again once a connection is free', async () => {
    const database = await createTestDatabase('postgres', { poolSize: 2, connectionTimeoutMs: 300 });
    const t = await startTestApp('postgres', {}, database);
    cleanups.push(() => t.close());
    const pool = (database as unknown as { pool: import('pg').Pool }).pool;
    const held = [await pool.connect(), await pool.connect()];
    const busy = await login(t);
    expect(busy.statusCode).toBe(503);
    expect(busy.json()).toEqual({ code: 'database_busy', message: '服务繁忙，请稍后重试' });
    expect(busy.headers['retry-after']).toBe('1');
    for (const client of held) client.release();
    expect((await login(t)).json().code).toBe('invalid_credentials');
  });
});

/** A tiny tmpfs is a full disk without filling the machine's; mounting needs root. */
function mountTmpfs(sizeKb: number): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    fs.rmdirSync(dir);
    return null;
  }
  cleanups.push(() => {
    execFileSync('umount', [dir]);
    fs.rmdirSync(dir);
  });
  return dir;
}
const canMount = process.getuid?.() === 0;

describe.runIf(canMount)('a full disk', () => {
  it('answers an upload with 507 storage_full, keeps no temp file, and health reports the storage', async () => {
    const dataDir = mountTmpfs(2048)!;
    expect(dataDir).not.toBeNull();
    const t = await startTestApp('pglite', { DATA_DIR: dataDir, MAX_FILE_MB: '1' });
    cleanups.push(() => t.close());
    await ensureFileRoutes(t.app, depsOf(t));
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok', storage: 'ok' });

    await t.createUser('unit1', ['applicant_unit']);
    const owner = await t.login('unit1');
    const applicationId = await createApplication(t.database.db, { editionId: await createEdition(t.database.db), applicantUserId: owner.userId, countyId: await organisationId(t, 'county', '兰山区') });
    // Leave about 200 KB free, then upload 700 KB.
    const free = (await fs.promises.statfs(dataDir)).bavail * (await fs.promises.statfs(dataDir)).bsize;
    fs.writeFileSync(path.join(dataDir, 'filler'), Buffer.alloc(free - 200 * 1024));

    const res = await upload(t, owner, applicationId, { name: '大文件.pdf', content: pdfBytes(700 * 1024) });
    expect(res.statusCode).toBe(507);
    expect(res.json()).toEqual({ code: 'storage_full', message: expect.stringContaining('存储空间已满') });
    expect(fs.readdirSync(path.join(dataDir, 'files', 'tmp'))).toEqual([]);

    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', database: 'ok', storage: 'full', problems: ['数据目录所在磁盘剩余空间不足'] });
  });
});
