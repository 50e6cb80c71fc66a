import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, editions } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app.js';
import { organisationId, profileId } from './support/fixtures.js';
import { completeIndividualForm, idNumber, registerApplicant } from './support/intake.js';

/**
 * Sessions and secrets: a forged write is refused on every route, a session presented at
 * login never survives it, cookies carry their flags, and the logs hold no password, token or
 * identity number, and an ID number is shown whole only to those who need it. (Login delays
 * that a stranger cannot turn into a lock-out: login-throttle.test.ts; the CSP:
 * web-assets.test.ts.)
 */
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Every writing route the API documents, with its path parameters filled. */
function writingRoutes(t: TestApp): Array<{ method: string; url: string }> {
  const paths = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
  return Object.entries(paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => WRITE_METHODS.has(m))
        .map((m) => ({ method: m.toUpperCase(), url: path.replace(/\{[^}]+\}/g, SOME_ID) })),
    );
}

describe.each(databaseKinds)('sessions and secrets on %s', (kind) => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    // The most talkative level: nothing secret may appear even there.
    t = await startTestApp(kind, {}, undefined, { logger: { level: 'trace', stream: logStream } });
    await t.createUser('office1', ['office']);
    await t.createUser('other1', ['office']);
  });
  afterAll(() => t.close());

  it('refuses every documented write carrying a session cookie without its CSRF token, before reading the body', async () => {
    const office = await t.login('office1');
    const routes = writingRoutes(t);
    expect(routes.length).toBeGreaterThan(50);
    const answered: string[] = [];
    for (const route of routes) {
      for (const headers of [{ cookie: office.cookie }, { cookie: office.cookie, 'x-csrf-token': 'forged' }]) {
        // A body that would fail validation everywhere: the CSRF refusal must come first.
        const res = await t.app.inject({ method: route.method as 'POST', url: route.url, headers, payload: { '\u0000': 1 } });
        if (res.statusCode !== 403 || res.json().code !== 'csrf_failed') answered.push(`${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 80)}`);
      }
    }
    expect(answered).toEqual([]);
  });

  it('ends a session presented at login (fixation), whoever it belongs to', async () => {
    const planted = await t.login('other1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: planted.cookie, 'x-csrf-token': planted.csrfToken },
      payload: { username: 'office1', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const fresh = res.cookies.find((c) => c.name === 'sid')!.value;
    expect(`sid=${fresh}`).not.toBe(planted.cookie);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: planted.cookie } })).statusCode).toBe(401);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sid=${fresh}` } });
    expect(me.json().user.username).toBe('office1');

    // A made-up token is never adopted either: the server always issues its own.
    const made = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: 'sid=attacker-chosen-value' }, payload: { username: 'office1', password: TEST_PASSWORD } });
    expect(made.statusCode).toBe(200);
    expect(made.cookies.find((c) => c.name === 'sid')!.value).not.toBe('attacker-chosen-value');
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, on /, Secure when configured, and clears it on logout', async () => {
    const secure = await startTestApp(kind, { COOKIE_SECURE: 'true' }, t.database);
    try {
      const res = await secure.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office1', password: TEST_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'sid')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: true });
      const plain = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office1', password: TEST_PASSWORD } })).cookies.find((c) => c.name === 'sid')!;
      expect(plain.secure).toBeFalsy();
      const out = await secure.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `sid=${cookie.value}`, 'x-csrf-token': res.json().csrfToken } });
      expect(out.statusCode).toBe(204);
      expect(out.cookies.find((c) => c.name === 'sid')?.value).toBe('');
    } finally {
      await secure.app.close();
    }
  });

  it('keeps passwords, session and CSRF tokens and identity numbers out of the logs', async () => {
    const id = idNumber(731);
    const applicant = await registerApplicant(t, 'individual', id, '日志测试个人', 'logcheck');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'logcheck', password: 'Wrong-Secret-9' } });
    expect(wrong.statusCode).toBe(401);
    // An identity number in a query string and a refused registration repeating it.
    await applicant.get(`/api/applications?search=${id}`);
    await t.app.inject({ method: 'POST', url: '/api/register', payload: { kind: 'individual', identityCode: id, name: 'x', username: 'dup', password: 'Applicant-Pass-1', email: 'dup@example.cn', phone: '1', emailCode: '000000' } });
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('"path":"/api/auth/login"');
    const secrets = [TEST_PASSWORD, 'Applicant-Pass-1', 'Wrong-Secret-9', applicant.cookie.slice('sid='.length), applicant.csrfToken, id];
    expect(secrets.filter((secret) => logs.includes(secret))).toEqual([]);
  });

  it('shows an ID number whole to the person, the office and their county, masked to everyone else who may read the application', async () => {
    const id = idNumber(742);
    const person = await registerApplicant(t, 'individual', id, '身份掩码个人', 'maskcheck');
    const [edition] = await t.database.db
      .insert(editions)
      .values({ award: 'mask-check', profileId: await profileId(t, 'linyi-current'), number: 1, year: 2026, name: '掩码测试届', status: 'open', phase: 'committee', opensOn: '2026-11-01' })
      .returning();
    const countyId = await organisationId(t, 'county', '兰山区');
    t.tolerateBroken('lifecycle.state-without-history', 'a candidate is seeded directly, without the procedure before it, only to be read');
    const [app] = await t.database.db
      .insert(applications)
      .values({ editionId: edition.id, kind: 'individual', applicantUserId: person.userId, countyId, identityCode: id, name: '身份掩码个人', state: 'candidate', form: await completeIndividualForm(t) })
      .returning();
    await t.createUser('county-mask', ['county'], countyId);
    await t.createUser('committee-mask', ['committee']);
    await t.createUser('leader-mask', ['leadership']);
    const shown = async (username: string | null) => {
      const session = username ? await t.login(username) : person;
      const res = await session.get(`/api/applications/${app.id}`);
      expect(res.statusCode).toBe(200);
      return res.json().identityCode as string;
    };
    const masked = `${id.slice(0, 6)}********${id.slice(14)}`;
    expect([await shown(null), await shown('office1'), await shown('county-mask')]).toEqual([id, id, id]);
    expect([await shown('committee-mask'), await shown('leader-mask')]).toEqual([masked, masked]);
  });
});
