import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app.js';

describe.each(databaseKinds)('authentication on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('office1', ['office']);
    await t.createUser('locky', ['office']);
    await t.createUser('idle', ['office']);
  });
  afterAll(() => t.close());

  it('logs in with the right password and reports the user and a CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office1', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json().user.roles).toEqual(['office']);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sid=${cookie.value}` } });
    expect(me.json().user.username).toBe('office1');
    expect(me.json().csrfToken).toBe(res.json().csrfToken);
  });

  it('refuses a wrong password with a Chinese message and no session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office1', password: 'Wrong-Pass-1' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'invalid_credentials', message: '用户名或密码错误' });
    expect(res.cookies.find((c) => c.name === 'sid')).toBeUndefined();
  });

  // This test used to expect a hard 15-minute lock (423 account_locked) after 5 failures. That
  // answer told existing accounts from unknown ones and let any stranger lock any account, the
  // audit administrator's included; delays replaced it (login-throttle.test.ts has the detail).
  it('delays the account after 5 failures instead of locking it, and the right password works after the delay', async () => {
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'locky', password } });
    for (let i = 0; i < 4; i++) expect((await attempt('Wrong-Pass-1')).statusCode).toBe(401);
    const fifth = await attempt('Wrong-Pass-1');
    expect([fifth.statusCode, fifth.json().code]).toEqual([401, 'login_delayed']);
    expect((await attempt(TEST_PASSWORD)).json().code).toBe('login_delayed');
    t.clock.advance(31_000);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('expires a session after 30 idle minutes', async () => {
    const s = await t.login('idle');
    t.clock.advance(29 * 60_000);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const expired = await s.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('unauthenticated');
  });

  it('expires a busy session after 12 hours in all', async () => {
    const s = await t.login('office1');
    for (let hour = 0; hour < 11; hour++) {
      t.clock.advance(20 * 60_000);
      expect((await s.get('/api/auth/me')).statusCode).toBe(200);
      t.clock.advance(20 * 60_000);
      expect((await s.get('/api/auth/me')).statusCode).toBe(200);
      t.clock.advance(20 * 60_000);
      expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(61 * 60_000 - 1);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token and changes nothing', async () => {
    const s = await t.login('office1');
    const before = await t.database.db.select().from(users).where(eq(users.username, 'office1'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: s.cookie },
      payload: { name: '未经校验的机构', kind: 'other' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
      payload: { name: '未经校验的机构', kind: 'other' },
    });
    expect(wrongToken.statusCode).toBe(403);
    const list = await s.get('/api/organisations?kind=other');
    expect(list.json().items.map((o: { name: string }) => o.name)).not.toContain('未经校验的机构');
    expect(await t.database.db.select().from(users).where(eq(users.username, 'office1'))).toEqual(before);
  });

  it('logout revokes the session on the server', async () => {
    const s = await t.login('office1');
    expect((await s.send('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('enforces the password rule on change', async () => {
    await t.createUser('pw', ['office']);
    const s = await t.login('pw');
    const weak = await s.send('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'alllowercase' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().fields[0].field).toBe('newPassword');
    const ok = await s.send('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-Strong-Pass-9' });
    expect(ok.statusCode).toBe(204);
    await expect(t.login('pw')).rejects.toThrow(/401/);
    expect((await t.login('pw', 'New-Strong-Pass-9')).userId).toBeTruthy();
  });
});
