import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/identity/index.js';
import { databaseKinds } from './support/databases.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { attachEvidenceRow, completeIndividualForm, completeUnitForm, creditCode, idNumber, openEdition, registerApplicant } from './support/intake.js';

/** Art. 3 region, Art. 6 refusal text, plausible dates, GB/T 4754 and financial rows, end to end. */
describe.each(databaseKinds)('eligibility and form rules through the API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-rules-')) });
    await t.createUser('office', ['office']);
    await openEdition(t, await t.login('office'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(t.config.dataDir, { recursive: true, force: true });
  });

  async function draft(session: Session): Promise<string> {
    return (await session.send('POST', '/api/applications', {})).json().id as string;
  }

  it('refuses a unit registered outside the city (Beijing 110108), citing 第三条 [Art.3]', async () => {
    const first17 = '91110108MA01ABCD5';
    const beijing = await registerApplicant(t, 'unit', first17 + creditCodeCheckChar(first17), '北京某有限公司', 'bj1');
    const id = await draft(beijing);
    const saved = await beijing.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t) });
    expect(saved.json().eligibility.failures).toEqual([expect.objectContaining({ code: 'outsideRegion', article: '第三条第一款', field: 'creditCode' })]);
    await attachEvidenceRow(t, id, beijing.userId);
    const refused = await beijing.send('POST', `/api/applications/${id}/actions/submit`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('（第三条第一款）');
  });

  it('an Art. 6 bar is refused citing 第六条, not 第十条、第十二条 [Art.6]', async () => {
    const { winners } = await import('../../src/db/schema/index.js');
    await t.database.db.insert(winners).values({ identityCode: creditCode(901), name: '往届获奖有限公司', kind: 'unit', category: 'award' });
    const unit = await registerApplicant(t, 'unit', creditCode(901), '往届获奖有限公司', 'won901');
    const id = await draft(unit);
    await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t) });
    await attachEvidenceRow(t, id, unit.userId);
    const refused = await unit.send('POST', `/api/applications/${id}/actions/submit`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('有 1 项申报条件不符合（第六条）');
    expect(refused.json().message).not.toContain('第十条');
  });

  it('quality work before the 16th birthday is refused when the draft is saved, naming the field [Art.12]', async () => {
    const person = await registerApplicant(t, 'individual', idNumber(902, '19931128'), '张年轻', 'young902');
    const id = await draft(person);
    const saved = await person.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeIndividualForm(t, { qualityWorkStartedOn: '1985-01-01' }) });
    expect(saved.statusCode).toBe(422);
    expect(saved.json().fields.map((f: { field: string }) => f.field)).toEqual(['qualityWorkStartedOn']);
    const future = await person.send('PATCH', `/api/applications/${id}`, { revision: 1, form: { qualityWorkStartedOn: '2027-01-01' } });
    expect(future.json().fields.map((f: { field: string }) => f.field)).toEqual(['qualityWorkStartedOn']);
    expect((await person.get(`/api/applications/${id}`)).json().revision).toBe(1);
  });

  it('refuses industry codes outside GB/T 4754, a business before 1949-10-01 and bad financial rows, field by field [Art.10]', async () => {
    const unit = await registerApplicant(t, 'unit', creditCode(903), '临沂校验有限公司', 'check903');
    const id = await draft(unit);
    const fields = async (form: Record<string, unknown>) => {
      const res = await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form });
      expect(res.statusCode).toBe(422);
      return res.json().fields.map((f: { field: string }) => f.field).sort();
    };
    expect(await fields({ industrySection: '-1', industryDivision: '%00' })).toEqual(['industryDivision', 'industrySection']);
    expect(await fields({ industrySection: ' ' })).toEqual(['industrySection']);
    expect(await fields({ industrySection: 'A', industryDivision: '13' })).toEqual(['industryDivision']);
    expect(await fields({ mainBusinessStartedOn: '1949-09-30' })).toEqual(['mainBusinessStartedOn']);
    const row = (year: number, revenue: number) => ({ year, revenue, profit: 1 });
    expect(await fields({ financials: [row(2023, 1), row(2023, 1), row(2025, -5)] })).toEqual(['financials.1.year', 'financials.2.revenue']);
    expect((await unit.get(`/api/applications/${id}`)).json().revision).toBe(1);
  });
});

/** A profile that checks the region down to the county (Art. 3, stricter than Linyi's): the chosen county's code is read from the directory. */
describe.each(databaseKinds)('the county-level region check on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-county-')) });
    const { ruleProfiles } = await import('../../src/db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    const [profile] = await t.database.db.select().from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
    await t.database.db.update(ruleProfiles).set({ rules: { ...profile.rules, eligibility: { ...profile.rules.eligibility, regionCheck: 'county' } } }).where(eq(ruleProfiles.id, profile.id));
    await t.createUser('office', ['office']);
    await openEdition(t, await t.login('office'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(t.config.dataDir, { recursive: true, force: true });
  });

  it('refuses a 兰山区 credit code filed under 河东区, and accepts it under 兰山区 [Art.3]', async () => {
    const { organisationId } = await import('./support/fixtures.js');
    const unit = await registerApplicant(t, 'unit', creditCode(41), '县区核对有限公司', 'countycheck');
    const id = (await unit.send('POST', '/api/applications', {})).json().id as string;
    const hedong = await unit.send('PATCH', `/api/applications/${id}`, { revision: 1, form: await completeUnitForm(t, { countyId: await organisationId(t, 'county', '河东区') }) });
    expect(hedong.json().eligibility.failures).toEqual([expect.objectContaining({ code: 'countyMismatch', field: 'countyId' })]);
    const lanshan = await unit.send('PATCH', `/api/applications/${id}`, { revision: 2, form: { countyId: await organisationId(t, 'county', '兰山区') } });
    expect(lanshan.json().eligibility).toMatchObject({ eligible: true, failures: [] });
  });
});
