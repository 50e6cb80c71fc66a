import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contactVerifications, users } from '../../src/db/schema/index.js';
import { REGISTER_PER_ADDRESS } from '../../src/services/rate-limit.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';
import { creditCode, idNumber, mailedCode, registerApplicant } from './support/intake.js';

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const fieldsOf = (res: Res): string[] => ((res.json().fields ?? []) as Array<{ field: string }>).map((f) => f.field).sort();

/** Registration must not tell strangers which ID numbers have accounts, nor waste the e-mail code. */
describe.each(databaseKinds)('registration on %s', (kind) => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await registerApplicant(t, 'individual', idNumber(501), '已注册个人', 'taken501');
  });
  afterAll(() => t.close());

  /** A fresh address with a mailed code, and a valid registration for it. */
  async function fresh(overrides: Record<string, unknown> = {}) {
    const n = ++serial;
    const email = `reg${n}@example.cn`;
    await t.app.inject({ method: 'POST', url: '/api/register/code', payload: { email }, remoteAddress: `10.1.0.${n}` });
    const code = await mailedCode(t, email);
    return { kind: 'individual', identityCode: idNumber(600 + n), name: `申报人${n}`, username: `reg${n}`, password: 'Applicant-Pass-1', email, phone: '13800000000', emailCode: code, ...overrides };
  }
  const register = (payload: object, remoteAddress = '10.2.0.1') => t.app.inject({ method: 'POST', url: '/api/register', payload, remoteAddress });

  it('checks the e-mail code before saying that an ID number is registered', async () => {
    const payload = await fresh({ identityCode: idNumber(501) });
    const wrongCode = await register({ ...payload, emailCode: payload.emailCode === '000000' ? '111111' : '000000' });
    expect([wrongCode.statusCode, wrongCode.json().code]).toEqual([422, 'code_invalid']);
    const unknownId = await register({ ...payload, identityCode: idNumber(599), emailCode: payload.emailCode === '000000' ? '111111' : '000000' });
    expect(unknownId.json()).toEqual(wrongCode.json());
  });

  it('keeps the code after a refused attempt (weak password, taken ID number) and uses it up on success', async () => {
    const payload = await fresh();
    const weak = await register({ ...payload, password: 'alllowercase' });
    expect([weak.statusCode, fieldsOf(weak)]).toEqual([422, ['password']]);
    const containsName = await register({ ...payload, password: `${payload.username}-Pass-1` });
    expect([containsName.statusCode, fieldsOf(containsName)]).toEqual([422, ['password']]);
    const taken = await register({ ...payload, identityCode: idNumber(501) });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'identity_registered']);
    const ok = await register(payload);
    expect(ok.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(contactVerifications).where(eq(contactVerifications.contact, payload.email));
    expect(row.usedAt).not.toBeNull();
    const again = await register({ ...payload, identityCode: idNumber(598), username: 'reuse598' });
    expect(again.json().code).toBe('code_invalid');
  });

  it('burns the code after five "taken" answers, so one code cannot probe many ID numbers', async () => {
    const payload = await fresh({ identityCode: idNumber(501) });
    for (let i = 0; i < 5; i++) expect((await register(payload)).statusCode).toBe(409);
    const sixth = await register(payload);
    expect(sixth.json().code).toBe('code_invalid');
  });

  it('reports every field problem at once', async () => {
    const payload = await fresh();
    const good = creditCode(77);
    const badCredit = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    // A password that passes the format check but contains the username: checked with the code's check character.
    const serviceLevel = await register({ ...payload, kind: 'unit', identityCode: badCredit, password: `${payload.username}-Pass-1` });
    expect([serviceLevel.statusCode, fieldsOf(serviceLevel)]).toEqual([422, ['identityCode', 'password']]);
    const formatLevel = await register({ ...payload, username: 'x', password: 'short', phone: '12' });
    expect([formatLevel.statusCode, fieldsOf(formatLevel)]).toEqual([422, ['password', 'phone', 'username']]);
    expect((await t.database.db.select().from(users).where(eq(users.username, payload.username))).length).toBe(0);
  });

  it('limits registration tries per client', async () => {
    const payload = { kind: 'individual', identityCode: idNumber(501), name: '探测者', username: 'prober', password: 'Applicant-Pass-1', email: 'probe@example.cn', phone: '13800000000', emailCode: '123456' };
    for (let i = 0; i < REGISTER_PER_ADDRESS.max; i++) expect((await register(payload, '10.3.0.1')).statusCode).toBe(422);
    const refused = await register(payload, '10.3.0.1');
    expect([refused.statusCode, refused.json().code]).toEqual([429, 'too_many_requests']);
    expect((await register(payload, '10.3.0.2')).statusCode).toBe(422);
  });
});
