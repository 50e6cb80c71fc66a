import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { eq } from 'drizzle-orm';
import { organisations } from '../../src/db/schema/index.js';
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

  it('enters new Measures without code changes and opens an edition under them [Art.30]', async () => {
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

  it('checks a profile whole on save and lists every problem with its field path', async () => {
    const before = await auditCount(t);
    const bad = structuredClone(linyi2017);
    bad.code = 'bad-everything';
    bad.stageWeights = { material: 1.5, onsiteDefence: -0.5, satisfaction: 0 };
    bad.departments.push({ code: 'fgw', name: '市发改委（重复）' });
    bad.prizeTypes[1].label = '  ';
    bad.texts.callTemplate = 'x'.repeat(1_000_000);
    const res = await office.send('POST', '/api/profiles', bad);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('validation_failed');
    const fields = res.json().fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['stageWeights.material', 'stageWeights.onsiteDefence', `departments.${bad.departments.length - 1}.code`, 'prizeTypes.1.label', 'texts.callTemplate']),
    );
    expect((await office.get('/api/profiles')).json().items.map((p: { code: string }) => p.code)).not.toContain('bad-everything');
    expect(await auditCount(t)).toBe(before);
  });

  it('refuses departments missing from the organisation directory or disabled there', async () => {
    await t.database.db.insert(organisations).values({ kind: 'department', name: '市旧局', code: 'old', active: false });
    const bad = structuredClone(linyi2017);
    bad.code = 'bad-departments';
    bad.departments.push({ code: 'nosuch', name: '市不存在局' }, { code: 'old', name: '市旧局' });
    const n = bad.departments.length;
    const res = await office.send('POST', '/api/profiles', bad);
    expect(res.statusCode).toBe(422);
    expect(res.json().fields).toEqual([
      { field: `departments.${n - 2}.code`, message: expect.stringContaining('nosuch') },
      { field: `departments.${n - 1}.code`, message: expect.stringContaining('停用') },
    ]);
    await t.database.db.update(organisations).set({ active: true }).where(eq(organisations.code, 'old'));
    const fixed = { ...bad, departments: bad.departments.filter((d: { code: string }) => d.code !== 'nosuch') };
    expect((await office.send('POST', '/api/profiles', fixed)).statusCode).toBe(201);
  });
});
