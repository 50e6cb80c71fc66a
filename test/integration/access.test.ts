import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { editions } from '../../src/db/schema/index.js';
import { ROLE_ORGANISATION_KIND, ROLES, type Role } from '../../src/domain/roles.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { organisationId, profileId } from './support/fixtures.js';

/** Through HTTP, for every role: what each may list, read and change among the foundation's resources. */
describe.each(databaseKinds)('access per role on %s', (kind) => {
  let t: TestApp;
  const sessions = new Map<Role, Session>();
  let draftId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const orgFor: Partial<Record<string, string>> = {
      county: await organisationId(t, 'county', '兰山区'),
      department: await organisationId(t, 'department', '市质监局'),
      agency: (await t.ctxFor(null).db.insert((await import('../../src/db/schema/index.js')).organisations).values({ name: '第三方', kind: 'agency' }).returning())[0].id,
    };
    for (const role of ROLES) {
      const needed = ROLE_ORGANISATION_KIND[role];
      await t.createUser(`u_${role}`, [role], needed ? orgFor[needed] : null);
      sessions.set(role, await t.login(`u_${role}`));
    }
    const office = sessions.get('office')!;
    const created = await office.send('POST', '/api/editions', { profileId: await profileId(t, 'linyi-current'), number: 1, year: 2026, name: '草稿届', opensOn: '2026-12-01' });
    draftId = created.json().id;
  });
  afterAll(() => t.close());

  const others = (allowed: Role[]) => ROLES.filter((r) => !allowed.includes(r));

  it.each(others(['office']))('a draft edition is a 404 for %s, and stays unchanged after a write attempt', async (role) => {
    const s = sessions.get(role)!;
    const [before] = await t.database.db.select().from(editions).where(eq(editions.id, draftId));
    expect((await s.get(`/api/editions/${draftId}`)).statusCode).toBe(404);
    const write = await s.send('PUT', `/api/editions/${draftId}/schedule`, { applicationDeadline: '2027-01-31' });
    expect(write.statusCode).toBe(404);
    const [after] = await t.database.db.select().from(editions).where(eq(editions.id, draftId));
    expect(after).toEqual(before);
  });

  it.each(ROLES.map((r) => [r, r === 'auditadmin'] as const))('audit trail for %s readable: %s', async (role, readable) => {
    expect((await sessions.get(role)!.get('/api/audit')).statusCode).toBe(readable ? 200 : 403);
  });

  it.each(ROLES.map((r) => [r, r === 'sysadmin' || r === 'secadmin'] as const))('user list for %s: %s', async (role, allowed) => {
    expect((await sessions.get(role)!.get('/api/users')).statusCode).toBe(allowed ? 200 : 403);
  });

  it('the public sees no private data and cannot write', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/editions' })).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/editions/${draftId}` })).statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/organisations', payload: { name: '匿名', kind: 'other' } });
    expect(anonymous.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks' })).statusCode).toBe(401);
  });

  it('the security administrator may create accounts (operator ones), the system administrator business ones', async () => {
    expect((await sessions.get('secadmin')!.get('/api/users')).json().abilities.create).toBe(true);
    const operator = await sessions.get('secadmin')!.send('POST', '/api/users', { username: 'auditor2', displayName: '审计员二', password: 'Audit-Pass-2026', roles: ['auditadmin'] });
    expect(operator.statusCode).toBe(201);
    const business = await sessions.get('secadmin')!.send('POST', '/api/users', { username: 'office9', displayName: '强市办', password: 'Office-Pass-2026', roles: ['office'] });
    expect(business.statusCode).toBe(403);
    expect((await sessions.get('sysadmin')!.send('POST', '/api/users', { username: 'office9', displayName: '强市办', password: 'Office-Pass-2026', roles: ['office'] })).statusCode).toBe(201);
  });

  it('the system administrator cannot grant itself the audit role', async () => {
    const admin = sessions.get('sysadmin')!;
    const res = await admin.send('PATCH', `/api/users/${admin.userId}`, { roles: ['sysadmin', 'auditadmin'] });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('separation_of_duties');
  });

  it('every role gets a to-do list; the office sees the draft to schedule', async () => {
    const tasks = (await sessions.get('office')!.get('/api/tasks')).json().items;
    expect(tasks).toEqual([expect.objectContaining({ kind: 'edition.setSchedule', link: `/editions/${draftId}` })]);
    expect((await sessions.get('expert')!.get('/api/tasks')).json().items).toEqual([]);
  });

  it('serves the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.info.title).toBe('市长质量奖管理系统 API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/editions', '/api/applications/{id}/actions/{action}', '/api/audit/verify']));
  });

  it('rejects oversized bodies with 413 and unknown routes with a JSON 404', async () => {
    const office = sessions.get('office')!;
    const big = await office.send('POST', '/api/organisations', { name: 'x'.repeat(2 * 1024 * 1024), kind: 'other' });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('body_too_large');
    const unknown = await office.get('/api/does-not-exist');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 'not_found', message: '请求的资源不存在' });
    const badJson = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().code).toBe('invalid_json');
  });
});
