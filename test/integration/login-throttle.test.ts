import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditLog, users } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app.js';

/**
 * Enumeration and lockout abuse: the answers must not tell existing accounts from unknown
 * usernames, and a stranger's failures may slow an account down but never lock its owner
 * out (progressive delays, domain/login-delay.ts: 5 free failures, then 30 s, 60 s, ...).
 */
describe.each(databaseKinds)('login delays on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const name of ['twin', 'victim', 'grower', 'auditor', 'changer', 'unlocked', 'owner', 'neighbour']) await t.createUser(name, name === 'auditor' ? ['auditadmin'] : ['office']);
    await t.createUser('secadmin', ['secadmin']);
  });
  afterAll(() => t.close());

  const attempt = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const answer = (res: Awaited<ReturnType<typeof attempt>>) => ({ status: res.statusCode, body: res.json() });
  const userRow = async (username: string) => (await t.database.db.select().from(users).where(eq(users.username, username)))[0];

  it('answers an existing account and an unknown username alike, failure after failure', async () => {
    for (let i = 0; i < 8; i++) {
      const real = answer(await attempt('twin', 'Wrong-Pass-1'));
      const ghost = answer(await attempt('no-such-user', 'Wrong-Pass-1'));
      expect(ghost).toEqual(real);
      expect(real.status).toBe(401);
      expect(real.body.message).toMatch(/用户名或密码错误/);
    }
    // Under a delay, even the right password gets the same answer as the unknown name.
    const right = answer(await attempt('twin', TEST_PASSWORD));
    expect(right).toEqual(answer(await attempt('no-such-user', TEST_PASSWORD)));
    expect(right.body.code).toBe('login_delayed');
  });

  it('cannot be used to lock the owner out: the right password after the delay signs in', async () => {
    for (let i = 0; i < 5; i++) await attempt('victim', 'Wrong-Pass-1');
    const delayed = await attempt('victim', TEST_PASSWORD);
    expect([delayed.statusCode, delayed.json().code]).toEqual([401, 'login_delayed']);
    expect(delayed.json().message).toContain('30 秒');
    // A stranger hammering during the delay neither counts nor lengthens it.
    for (let i = 0; i < 20; i++) await attempt('victim', 'Wrong-Pass-1');
    expect((await userRow('victim')).failedLogins).toBe(5);
    t.clock.advance(31_000);
    expect((await attempt('victim', TEST_PASSWORD)).statusCode).toBe(200);
    expect(await userRow('victim')).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it("keeps the owner's own browser out of a stranger's delay, with a count of its own", async () => {
    const fromDevice = (username: string, password: string, dev?: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, ...(dev ? { cookies: { dev } } : {}) });
    const first = await fromDevice('owner', TEST_PASSWORD);
    expect(first.statusCode).toBe(200);
    const dev = first.cookies.find((c) => c.name === 'dev')!;
    expect(dev).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/login' });
    // A stranger keeps the account delayed…
    for (let i = 0; i < 7; i++) await attempt('owner', 'Wrong-Pass-1');
    expect((await attempt('owner', TEST_PASSWORD)).json().code).toBe('login_delayed');
    // …but the owner's browser signs in at once, and keeps the same device id.
    const owner = await fromDevice('owner', TEST_PASSWORD, dev.value);
    expect(owner.statusCode).toBe(200);
    expect(owner.cookies.find((c) => c.name === 'dev')!.value).toBe(dev.value);
    // A forged token, or one issued for another account, is a stranger's browser.
    const neighbourDev = (await fromDevice('neighbour', TEST_PASSWORD)).cookies.find((c) => c.name === 'dev')!.value;
    for (let i = 0; i < 7; i++) await attempt('owner', 'Wrong-Pass-1');
    expect((await fromDevice('owner', TEST_PASSWORD, neighbourDev)).json().code).toBe('login_delayed');
    expect((await fromDevice('owner', TEST_PASSWORD, `${dev.value.slice(0, -1)}${dev.value.endsWith('A') ? 'B' : 'A'}`)).json().code).toBe('login_delayed');
    // Guessing from the trusted browser is delayed on that browser alone, by the same schedule.
    for (let i = 0; i < 5; i++) expect((await fromDevice('owner', 'Wrong-Pass-1', dev.value)).statusCode).toBe(401);
    expect((await fromDevice('owner', TEST_PASSWORD, dev.value)).json().code).toBe('login_delayed');
    t.clock.advance(31_000);
    expect((await fromDevice('owner', TEST_PASSWORD, dev.value)).statusCode).toBe(200);
  });

  it('doubles the delay with each further failure, up to the configured maximum', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 11; i++) {
      await attempt('grower', 'Wrong-Pass-1');
      const row = await userRow('grower');
      const wait = row.lockedUntil ? row.lockedUntil.getTime() - t.clock.now().getTime() : 0;
      waits.push(wait / 1000);
      t.clock.advance(wait);
    }
    expect(waits).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
  });

  it('audits failures and delays without the password, and notes the cleared count on the next login', async () => {
    const secret = 'Audit-Wrong-Pass-77';
    for (let i = 0; i < 5; i++) await attempt('auditor', secret);
    await attempt('ghost-auditor', secret);
    const id = (await userRow('auditor')).id;
    const rows = await t.database.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    const mine = rows.filter((r) => r.entityId === id);
    expect(mine.filter((r) => r.action === 'auth.failed')).toHaveLength(5);
    expect(mine.filter((r) => r.action === 'auth.delayed')).toHaveLength(1);
    expect(rows.some((r) => r.action === 'auth.failed' && r.entityType === 'login' && r.entityId === 'ghost-auditor')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(secret);
    t.clock.advance(31_000);
    expect((await attempt('auditor', TEST_PASSWORD)).statusCode).toBe(200);
    const [last] = (await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, id))).filter((r) => r.action === 'auth.login');
    expect(last.after).toEqual({ failuresCleared: 5 });
  });

  it('lets the security administrator lift a delay, audited', async () => {
    for (let i = 0; i < 5; i++) await attempt('unlocked', 'Wrong-Pass-1');
    const id = (await userRow('unlocked')).id;
    const admin = await t.login('secadmin');
    expect((await admin.send('POST', `/api/users/${id}/unlock`)).statusCode).toBe(200);
    expect((await attempt('unlocked', TEST_PASSWORD)).statusCode).toBe(200);
    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, id))).map((r) => r.action);
    expect(actions).toContain('user.unlock');
  });

  it('counts wrong current passwords on a password change the same way', async () => {
    const s = await t.login('changer');
    for (let i = 0; i < 5; i++) {
      const wrong = await s.send('POST', '/api/auth/password', { currentPassword: 'Wrong-Pass-1', newPassword: 'New-Strong-Pass-9' });
      expect([wrong.statusCode, wrong.json().fields?.[0]?.field]).toEqual([422, 'currentPassword']);
    }
    const refused = await s.send('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-Strong-Pass-9' });
    expect([refused.statusCode, refused.json().code]).toEqual([429, 'too_many_requests']);
    expect((await attempt('changer', TEST_PASSWORD)).json().code).toBe('login_delayed');
    t.clock.advance(31_000);
    expect((await s.send('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-Strong-Pass-9' })).statusCode).toBe(204);
  });
});
