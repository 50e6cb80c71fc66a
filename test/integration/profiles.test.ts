import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { auditCount } from './support/fixtures.js';

const linyi2017 = JSON.parse(fs.readFileSync('resources/profiles/linyi-2017.json', 'utf8'));

describe.each(databaseKinds)('rule profiles as data on %s', (kind) => {
  let t: TestApp;
  let office: Session;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.createUser('office', ['office']);
    office = await t.login('office');
  });
  afterAll(() => t.close());

  it('enters new Measures without code changes and opens an edition under them', async () => {
    const revised = {
      ...linyi2017,
      code: 'linyi-2027',
      name: '临沂市市长质量奖管理办法（修订）',
      documentNumber: '临政发〔2027〕1号',
      validFrom: '2026-11-01',
      validTo: '2031-10-31',
      quotas: { award: { unit: 6, individual: 2 }, nomination: { unit: 4, individual: 4 } },
      technicalStages: ['material', 'defence', 'onsite'],
    };
    const created = await office.send('POST', '/api/profiles', revised);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'linyi-2027', quotas: { award: { unit: 6 } }, technicalStages: ['material', 'defence', 'onsite'] });
    const edition = await office.send('POST', '/api/editions', { profileId: created.json().id, number: 1, year: 2027, name: '修订后首届', opensOn: '2026-12-01' });
    expect(edition.statusCode).toBe(201);
    expect(edition.json().profileName).toBe('临沂市市长质量奖管理办法（修订）');
  });

  it('refuses a profile whose scoring template does not total its points, storing nothing', async () => {
    const before = await auditCount(t);
    const broken = structuredClone(linyi2017);
    broken.code = 'broken';
    broken.scoringTemplates.unit.categories[0].items[0].points = 55;
    const res = await office.send('POST', '/api/profiles', broken);
    expect(res.statusCode).toBe(422);
    expect(res.json().fields[0].message).toContain('1005');
    expect((await office.get('/api/profiles')).json().items.map((p: { code: string }) => p.code)).not.toContain('broken');
    expect(await auditCount(t)).toBe(before);
  });

  it('is the office’s to enter', async () => {
    await t.createUser('committee', ['committee']);
    const res = await (await t.login('committee')).send('POST', '/api/profiles', { ...linyi2017, code: 'x' });
    expect(res.statusCode).toBe(403);
  });
});
