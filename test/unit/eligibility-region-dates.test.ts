import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateEligibility } from '../../src/domain/application-form/eligibility-input.js';
import { checkIndividualEligibility, checkUnitEligibility, type UnitEligibilityInput } from '../../src/domain/eligibility/index.js';
import { creditCodeCheckChar, idNumberCheckDigit } from '../../src/domain/identity/index.js';
import { ruleProfileSchema, type RuleProfile } from '../../src/domain/profile/schema.js';
import { loadProfile } from './support/profiles.js';

const profile = loadProfile('linyi-current');
const edition = { applicationDeadline: '2026-06-30' };
const TODAY = '2026-06-01';
const credit = (region: string) => {
  const first17 = `91${region}MA01ABCD5`;
  return first17 + creditCodeCheckChar(first17);
};
const idNo = (birth: string) => {
  const first17 = `371302${birth.replaceAll('-', '')}123`;
  return first17 + idNumberCheckDigit(first17);
};
const unit = (over: Partial<UnitEligibilityInput> = {}): UnitEligibilityInput => ({
  creditCode: credit('371302'),
  mainBusinessStartedOn: '2015-03-01',
  locatedInCity: true,
  legallyIndependent: true,
  declaredMajorAccidentWithinYears: false,
  declaredProminentComplaints: false,
  declaredViolationWithinYears: false,
  ...over,
});
const withRegion = (regionCheck: 'city' | 'county' | 'off'): RuleProfile => ({ ...profile, eligibility: { ...profile.eligibility, regionCheck } });

describe('Art. 3: the registration region of the credit code (GB 32100 pos 3–8) [Art.3]', () => {
  it('the Linyi profiles check the city by default', () => {
    for (const code of ['linyi-2017', 'linyi-current'] as const) {
      expect(loadProfile(code).eligibility).toMatchObject({ regionCheck: 'city', cityRegionCode: '3713' });
    }
  });

  it('a Beijing credit code (91110108MA01ABCD5T) is refused under 第三条', () => {
    expect(credit('110108')).toBe('91110108MA01ABCD5T');
    const r = checkUnitEligibility(profile, unit({ creditCode: '91110108MA01ABCD5T' }), edition, [], TODAY);
    expect(r.eligible).toBe(false);
    expect(r.failures).toEqual([
      expect.objectContaining({ code: 'outsideRegion', article: '第三条第一款', field: 'creditCode', message: expect.stringContaining('110108') }),
    ]);
  });

  it('every Linyi county code and the city-level authority (371300) pass the city check', () => {
    for (const region of ['371300', '371302', '371311', '371312', '371321', '371329']) {
      expect(checkUnitEligibility(profile, unit({ creditCode: credit(region) }), edition, [], TODAY).eligible).toBe(true);
    }
  });

  it('county mode also compares the chosen county; city-level registration and zones without a code pass', () => {
    const strict = withRegion('county');
    const r = checkUnitEligibility(strict, unit({ creditCode: credit('371302'), countyRegionCode: '371321' }), edition, [], TODAY);
    expect(r.failures).toEqual([expect.objectContaining({ code: 'countyMismatch', article: '第三条第一款', field: 'countyId' })]);
    expect(checkUnitEligibility(strict, unit({ creditCode: credit('371321'), countyRegionCode: '371321' }), edition, [], TODAY).eligible).toBe(true);
    expect(checkUnitEligibility(strict, unit({ creditCode: credit('371300'), countyRegionCode: '371321' }), edition, [], TODAY).eligible).toBe(true);
    expect(checkUnitEligibility(strict, unit({ creditCode: credit('371302'), countyRegionCode: null }), edition, [], TODAY).eligible).toBe(true);
    expect(checkUnitEligibility(strict, unit({ creditCode: credit('110108') }), edition, [], TODAY).failures.map((f) => f.code)).toEqual(['outsideRegion']);
  });

  it('off: the region is not checked', () => {
    expect(checkUnitEligibility(withRegion('off'), unit({ creditCode: credit('110108') }), edition, [], TODAY).eligible).toBe(true);
  });

  it('a profile that checks the region must say which city', () => {
    const raw = JSON.parse(readFileSync(new URL('../../resources/profiles/linyi-current.json', import.meta.url), 'utf8'));
    delete raw.eligibility.cityRegionCode;
    expect(ruleProfileSchema.safeParse(raw).success).toBe(false);
    raw.eligibility.regionCheck = 'off';
    expect(ruleProfileSchema.safeParse(raw).success).toBe(true);
    delete raw.eligibility.regionCheck;
    expect(ruleProfileSchema.safeParse(raw).success).toBe(true);
  });
});

describe('Art. 10, 12: plausible start dates [Art.10][Art.12]', () => {
  const person = (birth: string, qualityWorkStartedOn: string) => ({ idNumber: idNo(birth), qualityWorkStartedOn, unitAccidentDeclared: false, badRecordDeclared: false });

  it('work before the 16th birthday is refused, naming the field', () => {
    const r = checkIndividualEligibility(profile, person('1993-11-28', '1985-01-01'), edition, [], TODAY);
    expect(r.failures).toEqual([expect.objectContaining({ code: 'implausibleDate', article: '第十二条第（二）项', field: 'qualityWorkStartedOn', message: expect.stringContaining('2009-11-28') })]);
    expect(checkIndividualEligibility(profile, person('1980-01-01', '1986-01-01'), edition, [], TODAY).eligible).toBe(false);
    expect(checkIndividualEligibility(profile, person('1980-01-01', '1996-01-01'), edition, [], TODAY).eligible).toBe(true);
    expect(checkIndividualEligibility(profile, person('1980-01-01', '1995-12-31'), edition, [], TODAY).eligible).toBe(false);
  });

  it('work starting in the future is refused', () => {
    const r = checkIndividualEligibility(profile, person('1980-01-01', '2026-06-02'), edition, [], TODAY);
    expect(r.failures.map((f) => [f.code, f.field])).toEqual([['implausibleDate', 'qualityWorkStartedOn']]);
  });

  it('a business before 1949-10-01 or in the future is refused', () => {
    for (const d of ['1066-10-14', '1949-09-30', '2026-06-02']) {
      const r = checkUnitEligibility(profile, unit({ mainBusinessStartedOn: d }), edition, [], TODAY);
      expect(r.failures.map((f) => [f.code, f.article, f.field])).toEqual([['implausibleDate', '第十条第（一）项', 'mainBusinessStartedOn']]);
    }
    expect(checkUnitEligibility(profile, unit({ mainBusinessStartedOn: '1949-10-01' }), edition, [], TODAY).eligible).toBe(true);
  });

  it('the live evaluation passes today through', () => {
    const r = evaluateEligibility('unit', profile, credit('371302'), { mainBusinessStartedOn: '1066-10-14' }, '2026-06-30', [], TODAY);
    expect(r.failures.map((f) => f.code)).toContain('implausibleDate');
  });

});
