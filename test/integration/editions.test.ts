import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc } from 'drizzle-orm';
import { auditLog } from '../../src/db/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { auditCount, organisationId, profileId } from './support/fixtures.js';

describe.each(databaseKinds)('editions on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  let county: Session;
  let current: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('office', ['office']);
    await t.createUser('county', ['county'], await organisationId(t, 'county', '兰山区'));
    office = await t.login('office');
    county = await t.login('county');
    current = await profileId(t, 'linyi-current');
  });
  afterAll(() => t.close());

  it('refuses an edition under an expired profile with a clear error and writes nothing [Art.30]', async () => {
    const auditBefore = await auditCount(t);
    const res = await office.send('POST', '/api/editions', {
      profileId: await profileId(t, 'linyi-2017'),
      number: 9,
      year: 2026,
      name: '过期规则下的届次',
      opensOn: '2026-12-01',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'profile_not_valid', fields: [{ field: 'opensOn' }] });
    expect(res.json().message).toContain('2022-08-31');
    expect((await office.get('/api/editions')).json().items).toHaveLength(0);
    expect(await auditCount(t)).toBe(auditBefore);
  });

  it('reports every invalid field of a malformed request', async () => {
    const res = await office.send('POST', '/api/editions', { profileId: 'x', number: 0, year: 2026, name: '', opensOn: '2026-02-30' });
    expect(res.statusCode).toBe(422);
    const fields = res.json().fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['name', 'number', 'opensOn', 'profileId']);
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses the county body and writes no audit record', async () => {
    const auditBefore = await auditCount(t);
    const res = await county.send('POST', '/api/editions', { profileId: current, number: 1, year: 2026, name: '届', opensOn: '2026-12-01' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('wrong_role');
    expect(await auditCount(t)).toBe(auditBefore);
  });

  it('creates, schedules and publishes an edition, auditing each change, and shows the call publicly [Art.13]', async () => {
    const created = await office.send('POST', '/api/editions', { profileId: current, number: 1, year: 2026, name: '2026年度市长质量奖', opensOn: '2026-12-01' });
    expect(created.statusCode).toBe(201);
    const edition = created.json();
    expect(edition).toMatchObject({ status: 'draft', abilities: { setSchedule: true, publishCall: false } });
    const [createAudit] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(createAudit).toMatchObject({ action: 'edition.create', entityId: edition.id, actorId: office.userId });

    // A draft is invisible to everyone but the office.
    expect((await county.get(`/api/editions/${edition.id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/home' })).json().currentCall).toBeNull();

    const badSchedule = await office.send('PUT', `/api/editions/${edition.id}/schedule`, { applicationDeadline: '2027-03-31', recommendationDeadline: '2027-03-01' });
    expect(badSchedule.statusCode).toBe(422);
    expect(badSchedule.json().fields[0].field).toBe('recommendationDeadline');

    const scheduled = await office.send('PUT', `/api/editions/${edition.id}/schedule`, { applicationDeadline: '2027-03-31', recommendationDeadline: '2027-04-15' });
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json().abilities.publishCall).toBe(true);

    const published = await office.send('POST', `/api/editions/${edition.id}/publish-call`, { callText: '现启动2026年度市长质量奖申报工作。' });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('open');
    const home = (await t.app.inject({ method: 'GET', url: '/api/public/home' })).json();
    expect(home.currentCall).toMatchObject({ editionId: edition.id, callText: '现启动2026年度市长质量奖申报工作。', applicationDeadline: '2027-03-31' });
    expect((await county.get(`/api/editions/${edition.id}`)).json().abilities).toEqual({ update: false, setSchedule: false, publishCall: false, close: false });

    const actions = (await t.database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(3)).map((r) => r.action);
    expect(actions).toEqual(['edition.publishCall', 'edition.schedule', 'edition.create']);
  });

  it('keeps one edition open at a time and enforces the two-year cycle [Art.2]', async () => {
    const tooSoon = await office.send('POST', '/api/editions', { profileId: current, number: 2, year: 2027, name: '第二届', opensOn: '2026-12-02' });
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.json().fields[0].field).toBe('year');
    const second = await office.send('POST', '/api/editions', { profileId: current, number: 2, year: 2028, name: '第二届', opensOn: '2026-12-02' });
    expect(second.statusCode).toBe(201);
    await office.send('PUT', `/api/editions/${second.json().id}/schedule`, { applicationDeadline: '2027-05-31' });
    const clash = await office.send('POST', `/api/editions/${second.json().id}/publish-call`, { callText: '第二届通知' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('edition_already_open');
    expect((await office.get(`/api/editions/${second.json().id}`)).json().status).toBe('draft');
    const duplicate = await office.send('POST', '/api/editions', { profileId: current, number: 2, year: 2030, name: '重复届次', opensOn: '2026-12-02' });
    expect(duplicate.statusCode).toBe(409);
  });

  it('lets a never-opened draft for a far year block nothing; only editions that ran keep the cycle', async () => {
    // Edition 1 (2026) is open; edition 2 (2028) is a draft from the test above.
    const far = await office.send('POST', '/api/editions', { profileId: current, number: 3, year: 2040, name: '远期草稿', opensOn: '2026-12-02' });
    expect(far.statusCode).toBe(201);
    // The draft for 2040 does not push the next edition to 2042.
    const between = await office.send('POST', '/api/editions', { profileId: current, number: 4, year: 2030, name: '中间一届', opensOn: '2026-12-02' });
    expect(between.statusCode).toBe(201);
    // Numbers must come after those of editions that ran.
    const backwards = await office.send('POST', '/api/editions', { profileId: current, number: 1, year: 2030, name: '倒退', opensOn: '2026-12-02' });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().fields.map((f: { field: string }) => f.field)).toEqual(['number']);
  });

  it('opens only the edition that follows the last one that ran, and lets the office delete a stray draft', async () => {
    const list = (await office.get('/api/editions')).json().items as Array<{ id: string; number: number; status: string; year: number }>;
    const first = list.find((e) => e.number === 1)!;
    expect(first.status).toBe('open');
    expect((await office.send('POST', `/api/editions/${first.id}/close`)).statusCode).toBe(200);
    const byNumber = (n: number) => list.find((e) => e.number === n)!;
    // Edition 4 (2030) skips edition 2: it may not be opened next.
    await office.send('PUT', `/api/editions/${byNumber(4).id}/schedule`, { applicationDeadline: '2027-05-31' });
    const skip = await office.send('POST', `/api/editions/${byNumber(4).id}/publish-call`, { callText: '第四届通知' });
    expect(skip.statusCode).toBe(422);
    expect(skip.json().fields.map((f: { field: string }) => f.field)).toEqual(['number']);
    expect((await office.get(`/api/editions/${byNumber(4).id}`)).json().status).toBe('draft');

    // A stray draft is deleted by the office (audited); others may not, nor may an edition that ran.
    const auditBefore = await auditCount(t);
    expect((await county.send('DELETE', `/api/editions/${byNumber(3).id}`)).statusCode).toBe(404);
    expect((await office.send('DELETE', `/api/editions/${first.id}`)).statusCode).toBe(409);
    expect(await auditCount(t)).toBe(auditBefore);
    expect((await office.send('DELETE', `/api/editions/${byNumber(3).id}`)).statusCode).toBe(204);
    expect((await office.get(`/api/editions/${byNumber(3).id}`)).statusCode).toBe(404);
    const [deleted] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(deleted).toMatchObject({ action: 'edition.delete', entityId: byNumber(3).id });

    // Edition 2 (2028) follows edition 1 (2026): it opens.
    const opened = await office.send('POST', `/api/editions/${byNumber(2).id}/publish-call`, { callText: '第二届通知' });
    expect(opened.statusCode).toBe(200);
  });
});
