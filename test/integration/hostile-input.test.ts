import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNIT_FIELDS } from '../../src/domain/application-form/fields.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { multipartBody, pdfBytes } from './support/files-fixtures.js';
import { creditCode, mailedCode, openEdition, registerApplicant } from './support/intake.js';
import { profileId } from './support/fixtures.js';
import { loadProfile } from '../../src/services/profiles.js';

type Schema = { type?: string; enum?: unknown[]; properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; default?: unknown };
type Res = Awaited<ReturnType<Session['get']>>;

const HOSTILE = ['a\u0000b', '\uD800x'];
const fieldsOf = (res: Res): string[] => ((res.json().fields ?? []) as Array<{ field: string }>).map((f) => f.field);

/** A value of roughly the right type: the probe only needs the hostile part to be reached. */
function plausible(s: Schema | undefined): unknown {
  if (!s) return 'x';
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, plausible(v)]));
    case 'array':
      return [plausible(s.items)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return 'x';
  }
}

/** Where a hostile string goes inside property `key`, and the field path the API must name. */
function hostileAt(key: string, s: Schema, text: string): { value: unknown; field: string } {
  if (s.type === 'object') return { value: { probe: text }, field: `${key}.probe` };
  if (s.type === 'array') return { value: [text], field: `${key}.0` };
  return { value: text, field: key };
}

describe.each(databaseKinds)('hostile input is refused at the edge on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let sysadmin: Session;
  let applicant: Session;
  let draftId: string;
  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-hostile-')) });
    await t.createUser('admin', ['office']);
    await t.createUser('sys', ['sysadmin']);
    admin = await t.login('admin');
    sysadmin = await t.login('sys');
    await openEdition(t, admin);
    applicant = await registerApplicant(t, 'unit', creditCode(7), '临沂探针有限公司', 'probe7');
    draftId = (await applicant.send('POST', '/api/applications', {})).json().id;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(t.config.dataDir, { recursive: true, force: true });
  });

  const urlFor = (p: string) =>
    p.replace('{id}', p.startsWith('/api/applications/{id}') ? draftId : randomUUID()).replace('{date}', '2026-12-01').replace('{year}', '2027').replace('{version}', '1');
  const sessionFor = (p: string) => (p.startsWith('/api/applications/{id}') ? applicant : p.startsWith('/api/users') ? sysadmin : admin);

  it('refuses NUL in login, the application list filter and organisation names and codes', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' } });
    expect([login.statusCode, fieldsOf(login)]).toEqual([422, ['username']]);
    const list = await admin.get('/api/applications?state=%00');
    expect([list.statusCode, fieldsOf(list)]).toEqual([422, ['state']]);
    const org = await admin.send('POST', '/api/organisations', { name: '机构\u0000', kind: 'other', code: '\uDC00' });
    expect([org.statusCode, fieldsOf(org).sort()]).toEqual([422, ['code', 'name']]);
    const badPath = await admin.get('/api/calendar/overrides/%ED%A0%80');
    expect([badPath.statusCode, badPath.json().code]).toEqual([400, 'invalid_request']);
    const bell = await admin.send('POST', '/api/organisations', { name: '响铃\u0007机构', kind: 'other' });
    expect([bell.statusCode, fieldsOf(bell)]).toEqual([422, ['name']]);
  });

  it('refuses a hostile registration without using up the e-mail code', async () => {
    const email = 'hostile@example.cn';
    await t.app.inject({ method: 'POST', url: '/api/register/code', payload: { email } });
    const code = await mailedCode(t, email);
    const payload = { kind: 'unit', identityCode: creditCode(8), name: '探针\u0000公司', username: 'hostile8', password: 'Applicant-Pass-1', email, phone: '13800000000', emailCode: code };
    const bad = await t.app.inject({ method: 'POST', url: '/api/register', payload });
    expect([bad.statusCode, fieldsOf(bad)]).toEqual([422, ['name']]);
    const good = await t.app.inject({ method: 'POST', url: '/api/register', payload: { ...payload, name: '探针公司' } });
    expect(good.statusCode).toBe(201);
  });

  it('names the form field of a hostile draft value or key, and saves nothing', async () => {
    const res = await applicant.send('PATCH', `/api/applications/${draftId}`, { revision: 1, form: { address: 'a\u0000', ['x\uD800']: 'y', selfEvaluation: { '1.1': '\uDFFF' } } });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res).sort()).toEqual(['form.address', 'form.selfEvaluation.1.1', 'form.x\\uD800']);
    expect((await applicant.get(`/api/applications/${draftId}`)).json().revision).toBe(1);
  });

  it('refuses a file name or a form field carrying NUL', async () => {
    const upload = async (body: Buffer, contentType: string) =>
      t.app.inject({ method: 'POST', url: `/api/applications/${draftId}/files?purpose=evidence`, headers: { cookie: applicant.cookie, 'x-csrf-token': applicant.csrfToken, 'content-type': contentType }, payload: body });
    const named = multipartBody('证照\u0000.pdf', pdfBytes());
    const res = await upload(named.body, named.contentType);
    expect([res.statusCode, fieldsOf(res)]).toEqual([422, ['file.filename']]);
    const boundary = 'b-hostile';
    const withField = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\u0000y\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdfBytes(),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const field = await upload(withField, `multipart/form-data; boundary=${boundary}`);
    expect([field.statusCode, fieldsOf(field)]).toEqual([422, ['note']]);
  });

  it('refuses invalid UTF-8 in a JSON body as invalid_json, keeping the other JSON refusals', async () => {
    const raw = (payload: Buffer | string, contentType = 'application/json') =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': contentType }, payload });
    const badUtf8 = await raw(Buffer.concat([Buffer.from('{"username":"ad'), Buffer.from([0xff, 0xfe]), Buffer.from('min","password":"x"}')]));
    expect([badUtf8.statusCode, badUtf8.json().code]).toEqual([400, 'invalid_json']);
    const surrogateBytes = await raw(Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","password":"x"}')]));
    expect([surrogateBytes.statusCode, surrogateBytes.json().code]).toEqual([400, 'invalid_json']);
    expect((await raw('{"username":')).json().code).toBe('invalid_json');
    expect((await raw('')).json().code).toBe('invalid_json');
    const poisoned = await raw('{"username":"a","password":"b","__proto__":{"admin":true}}');
    expect([poisoned.statusCode, poisoned.json().code]).toEqual([400, 'invalid_json']);
    const charset = await raw(JSON.stringify({ username: '不存在', password: 'x' }), 'application/json; charset=utf-8');
    expect(charset.statusCode).toBe(401);
    const big = await raw(JSON.stringify({ username: 'a', password: 'x'.repeat(1024 * 1024) }));
    expect([big.statusCode, big.json().code]).toEqual([413, 'body_too_large']);
  });

  it('takes dates only within 1900–2100 and real, everywhere, and never answers 500 near the end', async () => {
    const override = await admin.send('PUT', '/api/calendar/overrides/0000-01-01', { kind: 'holiday' });
    expect([override.statusCode, fieldsOf(override)]).toEqual([422, ['date']]);
    for (const from of ['9999-12-31', '0000-01-01', '1899-12-31']) {
      const res = await admin.get(`/api/calendar/working-days?from=${from}&n=5`);
      expect([res.statusCode, fieldsOf(res)]).toEqual([422, ['from']]);
    }
    expect((await admin.send('POST', '/api/calendar/years/2100', {})).statusCode).toBe(204);
    const end = await admin.get('/api/calendar/working-days?from=2100-12-31&n=5');
    expect([end.statusCode, fieldsOf(end)]).toEqual([422, ['from']]);
    const signed = await applicant.send('POST', `/api/applications/${draftId}/actions/recommend`, { payload: { opinion: '同意', signer: '张三', signedOn: '0000-01-01' } });
    expect([signed.statusCode, fieldsOf(signed)]).toEqual([422, ['payload.signedOn']]);
    const schedule = await admin.send('PUT', `/api/editions/${randomUUID()}/schedule`, { applicationDeadline: '2101-01-01' });
    expect([schedule.statusCode, fieldsOf(schedule)]).toEqual([422, ['applicationDeadline']]);
    const draft = await applicant.send('PATCH', `/api/applications/${draftId}`, { revision: 1, form: { mainBusinessStartedOn: '0000-01-01' } });
    expect([draft.statusCode, fieldsOf(draft)]).toEqual([422, ['mainBusinessStartedOn']]);
  });

  it('refuses impossible validity dates in a new rule profile', async () => {
    const base = (await loadProfile(t.database.db, await profileId(t, 'linyi-current')))!.rules;
    for (const [key, value] of [['validFrom', '2026-02-30'], ['validTo', '2026-13-45'], ['validTo', '0000-01-01']] as const) {
      const res = await admin.send('POST', '/api/profiles', { ...base, code: `probe-${key.toLowerCase()}`, [key]: value });
      expect(res.statusCode).toBe(422);
      expect(fieldsOf(res)).toContain(key);
    }
  });

  it('refuses null or a wrong type for every form field, naming it', async () => {
    const nul = await applicant.send('PATCH', `/api/applications/${draftId}`, { revision: 1, form: { preferenceCategories: null } });
    expect([nul.statusCode, fieldsOf(nul)]).toEqual([422, ['preferenceCategories']]);
    const wrong = Object.fromEntries(UNIT_FIELDS.map((f) => [f.key, { not: 'this' }]));
    const res = await applicant.send('PATCH', `/api/applications/${draftId}`, { revision: 1, form: { ...wrong, selfEvaluation: [] } });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res).sort()).toEqual([...UNIT_FIELDS.map((f) => f.key), 'selfEvaluation'].sort());
  });
  // Last: before the fix, a probe body could reach a service and change the draft.
  it('every JSON body route refuses NUL and lone surrogates in each property and as a key, naming the field', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>> };
    const failures: string[] = [];
    let probed = 0;
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        probed++;
        const base = plausible(schema) as Record<string, unknown>;
        const variants: Array<{ body: Record<string, unknown>; field: string }> = [{ body: { ...base, ['k\u0000']: 'x' }, field: 'k\\u0000' }];
        const props = Object.entries(schema.properties ?? (schema.additionalProperties ? { probe: {} } : {}));
        for (const [key, s] of props) for (const text of HOSTILE) {
          const { value, field } = hostileAt(key, s, text);
          variants.push({ body: { ...base, [key]: value }, field });
        }
        for (const v of variants) {
          const res = await sessionFor(p).send(method.toUpperCase() as 'POST', urlFor(p), v.body);
          if (res.statusCode !== 422 || res.json().code !== 'validation_failed' || !fieldsOf(res).includes(v.field)) {
            failures.push(`${method.toUpperCase()} ${p} ${JSON.stringify(v.body)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(probed).toBeGreaterThan(15);
    expect(failures).toEqual([]);
  });

  it('every query parameter and path parameter refuses NUL, naming it', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>> };
    const failures: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const param of op.parameters ?? []) {
          if (param.in !== 'query' && param.in !== 'path') continue;
          const url = param.in === 'path' ? urlFor(p.replace(`{${param.name}}`, 'x%00y')) : `${urlFor(p)}?${param.name}=x%00y`;
          const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, headers: { cookie: sessionFor(p).cookie, 'x-csrf-token': sessionFor(p).csrfToken } });
          if (res.statusCode !== 422 || !fieldsOf(res).includes(param.name)) failures.push(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
