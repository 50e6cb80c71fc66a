import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';

/**
 * 等保 separation of duties on operator accounts: only the security administrator unlocks them;
 * nobody disables themselves; no operator duty (sysadmin, secadmin, auditadmin) is left without
 * an active holder. Every refusal is checked to leave the row unchanged.
 */
describe.each(databaseKinds)('separation of duties on %s', (kind) => {
  let t: TestApp;
  let sec: Session;
  let sys: Session;
  const ids = new Map<string, string>();
  const row = async (name: string) => (await t.database.db.select().from(users).where(eq(users.id, ids.get(name)!)))[0];

  beforeAll(async () => {
    t = await startTestApp(kind);
    // One holder per operator role: each is the last of its duty.
    for (const [name, role] of [['sec1', 'secadmin'], ['sys1', 'sysadmin'], ['aud1', 'auditadmin']] as const) ids.set(name, await t.createUser(name, [role]));
    ids.set('expert1', await t.createUser('expert1', ['expert']));
    sec = await t.login('sec1');
    sys = await t.login('sys1');
  });
  afterAll(() => t.close());

  it('only the security administrator unlocks an operator account', async () => {
    await t.database.db.update(users).set({ failedLogins: 9, lockedUntil: new Date(t.clock.now().getTime() + 3_600_000) }).where(eq(users.id, ids.get('aud1')!));
    const before = await row('aud1');
    const bySys = await sys.send('POST', `/api/users/${ids.get('aud1')}/unlock`);
    expect(bySys.statusCode).toBe(403);
    expect(bySys.json().code).toBe('separation_of_duties');
    expect(await row('aud1')).toEqual(before);
    expect((await sec.send('POST', `/api/users/${ids.get('aud1')}/unlock`)).statusCode).toBe(200);
    expect((await row('aud1')).lockedUntil).toBeNull();
  });

  it('the system administrator still unlocks business accounts', async () => {
    expect((await sys.send('POST', `/api/users/${ids.get('expert1')}/unlock`)).statusCode).toBe(200);
  });

  it('nobody disables their own account', async () => {
    const res = await sec.send('PATCH', `/api/users/${ids.get('sec1')}`, { active: false });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'own_account', message: '不能停用自己的账号' });
    expect((await row('sec1')).active).toBe(true);
    const roles = await sec.send('PATCH', `/api/users/${ids.get('sec1')}`, { roles: ['auditadmin'] });
    expect(roles.json().code).toBe('own_account');
    expect((await row('sec1')).roles).toEqual(['secadmin']);
  });

  it.each([
    ['sys1', '系统管理员'],
    ['aud1', '审计管理员'],
  ])('the last active holder of a duty (%s) is neither disabled nor stripped of it', async (name, label) => {
    const before = await row(name);
    const res = await sec.send('PATCH', `/api/users/${ids.get(name)}`, { active: false });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('last_operator');
    expect(res.json().message).toContain(label);
    const strip = await sec.send('PATCH', `/api/users/${ids.get(name)}`, { roles: [name === 'sys1' ? 'auditadmin' : 'sysadmin'] });
    expect(strip.json().code).toBe('last_operator');
    expect(await row(name)).toEqual(before);
  });

  it('with a second holder, one of them may be disabled, then the other is the last', async () => {
    ids.set('aud2', await t.createUser('aud2', ['auditadmin']));
    expect((await sec.send('PATCH', `/api/users/${ids.get('aud1')}`, { active: false })).statusCode).toBe(200);
    expect((await sec.send('PATCH', `/api/users/${ids.get('aud2')}`, { active: false })).json().code).toBe('last_operator');
    expect((await row('aud2')).active).toBe(true);
    // Re-enabling needs no check; then aud2 is no longer the last.
    expect((await sec.send('PATCH', `/api/users/${ids.get('aud1')}`, { active: true })).statusCode).toBe(200);
  });

  it('the list carries the reasons, so the page can say why before anyone clicks', async () => {
    const items = (await sec.get('/api/users')).json().items as Array<{ username: string; abilities: Record<string, { allowed: boolean; code: string | null }> }>;
    const of = (u: string) => items.find((i) => i.username === u)!.abilities;
    expect(of('sec1').disable).toMatchObject({ allowed: false, code: 'own_account' });
    expect(of('sys1').disable).toMatchObject({ allowed: false, code: 'last_operator' });
    expect(of('aud2').disable).toMatchObject({ allowed: true, code: null });
    expect(of('expert1').disable).toMatchObject({ allowed: false, code: 'wrong_role' });
    const bySys = (await sys.get('/api/users')).json().items as typeof items;
    expect(bySys.find((i) => i.username === 'aud1')!.abilities.unlock).toMatchObject({ allowed: false, code: 'separation_of_duties' });
    expect(bySys.find((i) => i.username === 'expert1')!.abilities.disable).toMatchObject({ allowed: true });
  });
});
