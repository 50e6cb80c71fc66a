import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { sessionCacheOf, sessionListenerPid } from '../../src/services/auth/session-invalidation.js';
import { budget } from '../support/budget.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';

/**
 * Two app instances on one PostgreSQL database, each with its own pool, Fastify, session
 * cache and LISTEN connection — nothing shared but the database, as two processes. A change
 * made through A must be in force on B when A answers, and B must never serve a revoked
 * session from memory, even with its listener connection killed under it.
 */
describe.runIf(databaseKinds.includes('postgres'))('session caches of several instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let second: Awaited<ReturnType<typeof openDatabase>>;
  let a: TestApp;
  let b: TestApp;
  let sysadminA: Session;
  let serial = 0;

  const enabled = async (t: TestApp) => {
    const deadline = Date.now() + budget(10_000);
    while (!sessionCacheOf(t.database.db)?.isEnabled && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return sessionCacheOf(t.database.db)?.isEnabled ?? false;
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    a = await startTestApp('postgres', {}, database);
    const { seedReferenceData } = await import('../../src/services/seed/directory.js');
    await seedReferenceData(a.systemCtx());
    second = await openDatabase({ databaseUrl: database.url!, poolSize: 5 });
    b = await startTestApp('postgres', {}, { ...second, url: database.url, superuserQuery: database.superuserQuery });
    expect([await enabled(a), await enabled(b)]).toEqual([true, true]);
    await a.createUser('sysadmin1', ['sysadmin']);
    sysadminA = await a.login('sysadmin1');
  });
  afterAll(async () => {
    await b.app.close();
    await second.close();
    await a.close();
    await database.close();
  });

  /** A session logged in through A and served from B's cache. */
  async function cachedOnB(): Promise<{ id: string; viaB: Session }> {
    const name = `user${++serial}`;
    const id = await a.createUser(name, ['office']);
    const session = await a.login(name);
    const viaB: Session = { ...session, get: (url) => b.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } }) };
    expect((await viaB.get('/api/auth/me')).statusCode).toBe(200);
    const hits = sessionCacheOf(b.database.db)!.stats().hits;
    expect((await viaB.get('/api/auth/me')).statusCode).toBe(200);
    expect(sessionCacheOf(b.database.db)!.stats().hits).toBe(hits + 1);
    return { id, viaB };
  }

  it('a logout through A is refused by B as soon as A has answered (no waiting, no polling)', async () => {
    for (let i = 0; i < 5; i++) {
      const { viaB } = await cachedOnB();
      const started = Date.now();
      const out = await a.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: viaB.cookie, 'x-csrf-token': viaB.csrfToken } });
      expect(out.statusCode).toBe(204);
      // The logout waited for B's answer, a notification round trip, not the 2 s give-up.
      expect(Date.now() - started).toBeLessThan(budget(1_500));
      expect((await viaB.get('/api/auth/me')).statusCode).toBe(401);
    }
  });

  it('a deactivation through A is refused by B at once', async () => {
    const { id, viaB } = await cachedOnB();
    expect((await sysadminA.send('PATCH', `/api/users/${id}`, { active: false })).statusCode).toBe(200);
    expect((await viaB.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('a new name given through A shows on B at once', async () => {
    const { id, viaB } = await cachedOnB();
    expect((await sysadminA.send('PATCH', `/api/users/${id}`, { displayName: '新名字' })).statusCode).toBe(200);
    expect((await viaB.get('/api/auth/me')).json().user.displayName).toBe('新名字');
  });

  it('with its listener connection killed, B never serves a revoked session, and caches again once listening', async () => {
    const { viaB } = await cachedOnB();
    const pid = sessionListenerPid(b.database.db);
    expect(pid).not.toBeNull();
    await database.superuserQuery(`SELECT pg_terminate_backend(${pid})`);
    // Revoke at once through A, while B may not yet know its listener is gone.
    const out = await a.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: viaB.cookie, 'x-csrf-token': viaB.csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await viaB.get('/api/auth/me')).statusCode).toBe(401);

    // B listens again (a new backend) and serves from memory again, still exactly.
    expect(await enabled(b)).toBe(true);
    expect(sessionListenerPid(b.database.db)).not.toBe(pid);
    const again = await cachedOnB();
    await a.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: again.viaB.cookie, 'x-csrf-token': again.viaB.csrfToken } });
    expect((await again.viaB.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('B serves nothing from memory while its listener is down', async () => {
    const { viaB } = await cachedOnB();
    const cache = sessionCacheOf(b.database.db)!;
    const pid = sessionListenerPid(b.database.db);
    await database.superuserQuery(`SELECT pg_terminate_backend(${pid})`);
    const deadline = Date.now() + budget(5_000);
    while (cache.isEnabled && sessionListenerPid(b.database.db) === pid && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    // Either B noticed (cache disabled, nothing served from memory) or it is already back with an empty cache.
    const hits = cache.stats().hits;
    expect((await viaB.get('/api/auth/me')).statusCode).toBe(200);
    expect(cache.stats().hits).toBe(hits);
    expect(await enabled(b)).toBe(true);
  });
});
