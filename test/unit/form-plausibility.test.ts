import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formProblems } from '../../src/domain/application-form/index.js';
import { idNumberCheckDigit } from '../../src/domain/identity/index.js';
import { GBT4754_DIVISIONS } from '../../src/domain/reference/industries.js';
import { loadProfile } from './support/profiles.js';

const profile = loadProfile('linyi-current');
const TODAY = '2026-06-01';
const idNo = (birth: string) => {
  const first17 = `371302${birth.replaceAll('-', '')}123`;
  return first17 + idNumberCheckDigit(first17);
};

describe('Art. 10, 12: plausible start dates on the form [Art.10][Art.12]', () => {
  it('the form refuses such dates field by field', () => {
    const t = profile.scoringTemplates;
    expect(formProblems('unit', t.unit, { mainBusinessStartedOn: '1066-10-14' }, [])).toEqual([expect.objectContaining({ field: 'mainBusinessStartedOn' })]);
    expect(formProblems('unit', t.unit, { mainBusinessStartedOn: '1949-09-30' }, [])).toEqual([expect.objectContaining({ field: 'mainBusinessStartedOn' })]);
    expect(formProblems('unit', t.unit, { mainBusinessStartedOn: '2026-06-02' }, [], { today: TODAY })).toEqual([expect.objectContaining({ field: 'mainBusinessStartedOn' })]);
    expect(formProblems('individual', t.individual, { qualityWorkStartedOn: '1985-01-01' }, [], { today: TODAY, identityCode: idNo('1993-11-28') })).toEqual([
      expect.objectContaining({ field: 'qualityWorkStartedOn', message: expect.stringContaining('16') }),
    ]);
    expect(formProblems('individual', t.individual, { qualityWorkStartedOn: '2026-06-02' }, [], { today: TODAY })).toEqual([expect.objectContaining({ field: 'qualityWorkStartedOn' })]);
    expect(formProblems('individual', t.individual, { qualityWorkStartedOn: '2010-01-01' }, [], { today: TODAY, identityCode: idNo('1980-01-01') })).toEqual([]);
  });
});

describe('GB/T 4754 industry codes and the financial rows', () => {
  const t = profile.scoringTemplates.unit;

  it('the domain copy of GB/T 4754 matches resources/reference', () => {
    const file = JSON.parse(readFileSync(new URL('../../resources/reference/gbt4754-2017-divisions.json', import.meta.url), 'utf8')) as {
      sections: Array<{ code: string; divisions: Array<{ code: string }> }>;
    };
    expect(GBT4754_DIVISIONS).toEqual(Object.fromEntries(file.sections.map((s) => [s.code, s.divisions.map((d) => d.code)])));
  });

  it('refuses unknown sections and divisions, and a division of another section', () => {
    for (const bad of ['-1', ' ', '%00', 'Z', 'c']) {
      expect(formProblems('unit', t, { industrySection: bad }, [])).toEqual([expect.objectContaining({ field: 'industrySection' })]);
    }
    for (const bad of ['-1', ' ', '%00', '00', '98', '1']) {
      expect(formProblems('unit', t, { industryDivision: bad }, [])).toEqual([expect.objectContaining({ field: 'industryDivision' })]);
    }
    expect(formProblems('unit', t, { industrySection: 'A', industryDivision: '13' }, [])).toEqual([
      expect.objectContaining({ field: 'industryDivision', message: expect.stringContaining('A') }),
    ]);
    expect(formProblems('unit', t, { industrySection: 'C', industryDivision: '13' }, [])).toEqual([]);
  });

  it('refuses duplicate years, future years and negative revenue, naming the row', () => {
    const row = (year: number, revenue = 100, profit = 10) => ({ year, revenue, profit });
    expect(formProblems('unit', t, { financials: [row(2023), row(2023)] }, [])).toEqual([expect.objectContaining({ field: 'financials.1.year' })]);
    expect(formProblems('unit', t, { financials: [row(2024), row(2100)] }, [], { today: TODAY })).toEqual([expect.objectContaining({ field: 'financials.1.year' })]);
    expect(formProblems('unit', t, { financials: [row(2024), row(2025, -5)] }, [])).toEqual([expect.objectContaining({ field: 'financials.1.revenue' })]);
    expect(formProblems('unit', t, { financials: [row(2023), row(2024, 100, -20), row(2025)] }, [], { today: TODAY })).toEqual([]);
  });
});
