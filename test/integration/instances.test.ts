import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { createTestDatabase, databaseKinds } from './support/databases.js';
import { startTestApp } from './support/app.js';
import { profileId } from './support/fixtures.js';

describe.runIf(databaseKinds.includes('postgres'))('several app processes on one PostgreSQL database', () => {
  it('logs in through one instance and works through another; login delays and revocation are shared', async () => {
    const database = await createTestDatabase('postgres');
    const a = await startTestApp('postgres', {}, database);
    const { seedReferenceData } = await import('../../src/services/seed/directory.js');
    await seedReferenceData(a.systemCtx());
    // The second instance has its own pool and its own Fastify: nothing shared but the database.
    const second = await openDatabase({ databaseUrl: database.url!, poolSize: 5 });
    const b = await startTestApp('postgres', {}, { ...second, url: database.url, superuserQuery: database.superuserQuery });
    try {
      await a.createUser('office', ['office']);
      const viaA = await a.login('office');
      const created = await b.app.inject({
        method: 'POST',
        url: '/api/editions',
        headers: { cookie: viaA.cookie, 'x-csrf-token': viaA.csrfToken },
        payload: { profileId: await profileId(b, 'linyi-current'), number: 1, year: 2026, name: '跨实例届次', opensOn: '2026-12-01' },
      });
      expect(created.statusCode).toBe(201);
      expect((await viaA.get(`/api/editions/${created.json().id}`)).json().name).toBe('跨实例届次');

      await b.createUser('target', ['office']);
      for (let i = 0; i < 5; i++) {
        const via = i % 2 === 0 ? a : b;
        await via.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'target', password: 'Wrong-Pass-1' } });
      }
      // The delay (no longer a 423 lock) is counted in the database, so the other instance sees it.
      const delayed = await b.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'target', password: 'Test-Pass-2026' } });
      expect([delayed.statusCode, delayed.json().code]).toEqual([401, 'login_delayed']);

      await b.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: viaA.cookie, 'x-csrf-token': viaA.csrfToken } });
      expect((await viaA.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await b.app.close();
      await second.close();
      await a.close();
      await database.close();
    }
  });
});

describe.each(databaseKinds.filter((k) => k === 'pglite'))('the embedded database (%s) is single-process', () => {
  it('refuses a second process on the same data folder with a clear message', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-lock-'));
    const held = await openDatabase({ pgliteDir: path.join(dataDir, 'db') });
    try {
      const result = await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'migrate'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`already open in process ${process.pid}`);
    } finally {
      await held.close();
    }
    // Once released, the folder opens again with the data intact.
    const reopened = await openDatabase({ pgliteDir: path.join(dataDir, 'db') });
    await reopened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
