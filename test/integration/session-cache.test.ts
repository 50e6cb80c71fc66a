import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/schema/index.js';
import { OuterHandleInTransactionError } from '../../src/db/transaction-guard.js';
import { invalidateAllSessions, sessionCacheOf } from '../../src/services/auth/session-invalidation.js';
import { resolveSession, revokeUserSessions, tokenHash } from '../../src/services/auth/sessions.js';
import { inTransaction } from '../../src/services/context.js';
import { budget } from '../support/budget.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId } from './support/fixtures.js';

/**
 * Every path that ends a session or changes what a session carries, on both databases, with
 * the session served from the cache just before the change: the next request must see the
 * database's answer, never the cached one.
 */
describe.each(databaseKinds)('the session cache on %s', (kind) => {
  let t: TestApp;
  let sysadmin: Session;
  let office: Session;
  let lanshan: string;
  let feixian: string;
  let serial = 0;
  const stats = () => sessionCacheOf(t.database.db)!.stats();

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('sysadmin1', ['sysadmin']);
    await t.createUser('office1', ['office']);
    lanshan = await organisationId(t, 'county', '兰山区');
    feixian = await organisationId(t, 'county', '费县');
    // PostgreSQL: the cache serves nothing until its LISTEN is in force.
    const deadline = Date.now() + budget(10_000);
    while (!sessionCacheOf(t.database.db)?.isEnabled && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(sessionCacheOf(t.database.db)?.isEnabled).toBe(true);
    sysadmin = await t.login('sysadmin1');
    office = await t.login('office1');
  });
  afterAll(() => t.close());

  /** A fresh county account and two sessions of it, both answered from the cache. */
  async function countyUser(): Promise<{ id: string; a: Session; b: Session }> {
    const name = `county${++serial}`;
    const id = await t.createUser(name, ['county'], lanshan);
    const a = await t.login(name);
    const b = await t.login(name);
    await expectCached(a);
    await expectCached(b);
    return { id, a, b };
  }

  async function expectCached(session: Session): Promise<{ user: Record<string, unknown> }> {
    const before = stats().hits;
    const me = await session.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(stats().hits).toBe(before + 1);
    return me.json();
  }

  const status = async (session: Session) => (await session.get('/api/auth/me')).statusCode;

  it('answers repeated requests from memory, not the database', async () => {
    const { a } = await countyUser();
    const before = stats();
    for (let i = 0; i < 5; i++) expect(await status(a)).toBe(200);
    expect(stats().hits - before.hits).toBe(5);
    expect(stats().misses - before.misses).toBe(0);
  });

  it('logout: the session is refused at once, the user’s other session still works', async () => {
    const { a, b } = await countyUser();
    expect((await a.send('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect(await status(a)).toBe(401);
    expect(await status(b)).toBe(200);
  });

  it('password change: every session of the user is refused', async () => {
    const { a, b } = await countyUser();
    expect((await a.send('POST', '/api/auth/password', { currentPassword: 'Test-Pass-2026', newPassword: 'Other-Pass-2027' })).statusCode).toBe(204);
    expect([await status(a), await status(b)]).toEqual([401, 401]);
  });

  it('deactivation: every session of the user is refused', async () => {
    const { id, a, b } = await countyUser();
    expect((await sysadmin.send('PATCH', `/api/users/${id}`, { active: false })).statusCode).toBe(200);
    expect([await status(a), await status(b)]).toEqual([401, 401]);
  });

  it('role change: every session of the user is refused', async () => {
    const { id, a, b } = await countyUser();
    expect((await sysadmin.send('PATCH', `/api/users/${id}`, { roles: ['county', 'office'] })).statusCode).toBe(200);
    expect([await status(a), await status(b)]).toEqual([401, 401]);
  });

  it('a new display name shows in the sessions that remain', async () => {
    const { id, a } = await countyUser();
    expect((await sysadmin.send('PATCH', `/api/users/${id}`, { displayName: '改名后' })).statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).json().user.displayName).toBe('改名后');
  });

  it('a move to another organisation shows in the session (actor and name)', async () => {
    const { id, a } = await countyUser();
    expect((await sysadmin.send('PATCH', `/api/users/${id}`, { organisationId: feixian })).statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).json().user).toMatchObject({ organisationId: feixian, organisationName: '费县' });
  });

  it('renaming the organisation shows in its members’ sessions', async () => {
    const { a } = await countyUser();
    expect((await office.send('PATCH', `/api/organisations/${lanshan}`, { name: '兰山区（更名）' })).statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).json().user.organisationName).toBe('兰山区（更名）');
    expect((await office.send('PATCH', `/api/organisations/${lanshan}`, { name: '兰山区' })).statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).json().user.organisationName).toBe('兰山区');
  });

  it('lock (repeated wrong current passwords) and unlock pass through the invalidation; the session stays as the database says', async () => {
    const { id, a } = await countyUser();
    const beforeLock = stats().invalidations;
    let answer = 0;
    for (let i = 0; i <= t.config.login.maxFailures && answer !== 429; i++) {
      answer = (await a.send('POST', '/api/auth/password', { currentPassword: 'Wrong-Pass-1', newPassword: 'Other-Pass-2027' })).statusCode;
    }
    expect((await a.send('POST', '/api/auth/password', { currentPassword: 'Wrong-Pass-1', newPassword: 'Other-Pass-2027' })).statusCode).toBe(429);
    expect(stats().invalidations).toBeGreaterThan(beforeLock);
    expect(await status(a)).toBe(200);
    const beforeUnlock = stats().invalidations;
    expect((await sysadmin.send('POST', `/api/users/${id}/unlock`)).statusCode).toBe(200);
    expect(stats().invalidations).toBeGreaterThan(beforeUnlock);
    expect(await status(a)).toBe(200);
  });

  it('a rolled-back revocation changes nothing: the session works and is cached again', async () => {
    const { id, a } = await countyUser();
    const attempt = inTransaction(t.systemCtx(), async (tctx) => {
      await revokeUserSessions(tctx.tx, id, t.clock.now());
      throw new Error('change of mind');
    });
    await expect(attempt).rejects.toThrow('change of mind');
    expect(await status(a)).toBe(200); // read from the database (the entry was dropped anyway)
    await expectCached(a);
  });

  it('a restore’s wipe drops every cached session', async () => {
    await countyUser();
    expect(stats().size).toBeGreaterThan(0);
    await invalidateAllSessions(t.database);
    expect(stats().size).toBe(0);
  });

  it('idle and absolute ends are the database’s: idle after 30 minutes, and a touched session lives on', async () => {
    const { a } = await countyUser();
    const hashed = tokenHash(a.cookie.slice('sid='.length));
    const lastSeen = async () => (await t.database.db.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.tokenHash, hashed)))[0].at;
    t.clock.advance(2 * 60_000);
    await expectCached(a); // a hit older than a minute writes last_seen, as the lookup would
    expect((await lastSeen()).getTime()).toBe(t.clock.now().getTime());
    t.clock.advance(29 * 60_000);
    expect(await status(a)).toBe(200); // 29 idle minutes since the touch: alive
    t.clock.advance(31 * 60_000);
    expect(await status(a)).toBe(401);
  });

  it('the lookup is a named statement that refuses to run inside a transaction', async () => {
    const attempt = inTransaction(t.systemCtx(), async () => resolveSession(t.database.db, 'whatever', t.clock.now(), 60_000));
    await expect(attempt).rejects.toBeInstanceOf(OuterHandleInTransactionError);
  });
});
