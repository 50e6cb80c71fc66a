import { describe, expect, it } from 'vitest';
import {
  checkIndividualEligibility,
  checkUnitEligibility,
  preferenceEffect,
  rankWithPreference,
  type IndividualEligibilityInput,
  type UnitEligibilityInput,
} from '../../src/domain/eligibility/index.js';
import type { RuleProfile } from '../../src/domain/profile/schema.js';
import { loadProfile } from './support/profiles.js';

const profile = loadProfile('linyi-2017');
const edition = { applicationDeadline: '2026-06-30' };
const TODAY = '2026-06-01';

// The codes are Linyi registrations (pos 3–8 = 3713xx): the Linyi profiles check the region under
// Art. 3, so the Fuzhou (350100) and Beijing (110000) codes these tests used before no longer describe
// an eligible unit. '91350100M000100Y44' below stays: a wrong check character is reported before the region.
const unit = (over: Partial<UnitEligibilityInput> = {}): UnitEligibilityInput => ({
  creditCode: '91371302M000100Y4Y',
  mainBusinessStartedOn: '2015-03-01',
  locatedInCity: true,
  legallyIndependent: true,
  declaredMajorAccidentWithinYears: false,
  declaredProminentComplaints: false,
  declaredViolationWithinYears: false,
  ...over,
});
const person = (over: Partial<IndividualEligibilityInput> = {}): IndividualEligibilityInput => ({
  idNumber: '11010519491231002X',
  qualityWorkStartedOn: '2000-01-01',
  unitAccidentDeclared: false,
  badRecordDeclared: false,
  ...over,
});

describe('unit eligibility (Art. 3, 6, 10)', () => {
  it('a clean unit is eligible', () => {
    expect(checkUnitEligibility(profile, unit(), edition, [])).toEqual({ eligible: true, failures: [] });
  });

  it('exactly 5 years of main business on the deadline passes [Art.10]', () => {
    expect(checkUnitEligibility(profile, unit({ mainBusinessStartedOn: '2021-06-30' }), edition, []).eligible).toBe(true);
  });

  it('one day short of 5 years fails under 第十条第（一）项 [Art.10]', () => {
    const r = checkUnitEligibility(profile, unit({ mainBusinessStartedOn: '2021-07-01' }), edition, []);
    expect(r.eligible).toBe(false);
    expect(r.failures).toEqual([
      expect.objectContaining({ code: 'businessYears', article: '第十条第（一）项', message: expect.stringContaining('2026-07-01') }),
    ]);
  });

  it('a 29 February start completes its years on 28 February [Art.10]', () => {
    expect(checkUnitEligibility(profile, unit({ mainBusinessStartedOn: '2016-02-29' }), { applicationDeadline: '2021-02-28' }, []).eligible).toBe(true);
    expect(checkUnitEligibility(profile, unit({ mainBusinessStartedOn: '2016-02-29' }), { applicationDeadline: '2021-02-27' }, []).eligible).toBe(false);
  });

  it('the number of years comes from the profile [Art.10]', () => {
    const threeYears: RuleProfile = { ...profile, eligibility: { ...profile.eligibility, unitMinBusinessYears: 3 } };
    expect(checkUnitEligibility(threeYears, unit({ mainBusinessStartedOn: '2023-06-30' }), edition, []).eligible).toBe(true);
    expect(checkUnitEligibility(profile, unit({ mainBusinessStartedOn: '2023-06-30' }), edition, []).eligible).toBe(false);
  });

  it('returns every failed condition with its article [Art.3][Art.10]', () => {
    const r = checkUnitEligibility(
      profile,
      unit({
        creditCode: '91350100M000100Y44',
        mainBusinessStartedOn: '2024-01-01',
        locatedInCity: false,
        legallyIndependent: false,
        declaredMajorAccidentWithinYears: true,
        declaredProminentComplaints: true,
        declaredViolationWithinYears: true,
      }),
      edition,
      [],
    );
    expect(r.failures.map((f) => [f.code, f.article])).toEqual([
      ['notInCity', '第三条第一款'],
      ['notIndependent', '第三条第一款'],
      ['identityInvalid', '第三条第一款'],
      ['businessYears', '第十条第（一）项'],
      ['majorAccident', '第十条第（五）项'],
      ['complaints', '第十条第（五）项'],
      ['violation', '第十条第（六）项'],
    ]);
    expect(r.failures[2].message).toContain('第18位应为“3”');
    expect(r.failures[4].message).toContain('近3年内');
  });

  it('a previous winner of any edition is barred, matched by credit code case-insensitively (Art. 6) [Art.6]', () => {
    const winners = [{ creditCode: '91371300600037341N', revoked: false, editionYear: 2019 }];
    const r = checkUnitEligibility(profile, unit({ creditCode: '91371300600037341n' }), edition, winners);
    expect(r.failures).toEqual([expect.objectContaining({ code: 'previousWinner', article: '第六条', message: expect.stringContaining('2019') })]);
  });

  it('a revoked winner stays barred unless the profile says otherwise [Art.6]', () => {
    const winners = [{ creditCode: '91371302M000100Y4Y', revoked: true }];
    expect(checkUnitEligibility(profile, unit(), edition, winners).failures.map((f) => f.code)).toEqual(['previousWinner']);
    const lenient: RuleProfile = { ...profile, eligibility: { ...profile.eligibility, revokedWinnersBarred: false } };
    expect(checkUnitEligibility(lenient, unit(), edition, winners).eligible).toBe(true);
    expect(checkUnitEligibility(lenient, unit(), edition, [{ creditCode: '91371302M000100Y4Y', revoked: false }]).eligible).toBe(false);
  });

  it('a nomination award (提名奖) does not bar a new application unless the profile says so [Art.6]', () => {
    const nominee = [{ creditCode: '91371302M000100Y4Y', revoked: false, category: 'nomination' as const }];
    expect(checkUnitEligibility(profile, unit(), edition, nominee).eligible).toBe(true);
    const strict: RuleProfile = { ...profile, eligibility: { ...profile.eligibility, nomineesBarred: true } };
    expect(checkUnitEligibility(strict, unit(), edition, nominee).failures.map((f) => f.code)).toEqual(['previousWinner']);
  });

  it('an individual winner with no credit code does not bar a unit [Art.6]', () => {
    expect(checkUnitEligibility(profile, unit(), edition, [{ idNumber: '11010519491231002X', revoked: false }]).eligible).toBe(true);
  });
});

describe('individual eligibility (Art. 3, 6, 12)', () => {
  it('exactly 10 years of quality work on the deadline passes; one day short fails [Art.12]', () => {
    expect(checkIndividualEligibility(profile, person({ qualityWorkStartedOn: '2016-06-30' }), edition, [], TODAY).eligible).toBe(true);
    const r = checkIndividualEligibility(profile, person({ qualityWorkStartedOn: '2016-07-01' }), edition, [], TODAY);
    expect(r.failures).toEqual([expect.objectContaining({ code: 'qualityWorkYears', article: '第十二条第（二）项' })]);
    expect(r.failures[0].message).toContain('10年');
  });

  it('returns every failed condition [Art.3][Art.12]', () => {
    const r = checkIndividualEligibility(
      profile,
      person({ idNumber: '110105194912310021', qualityWorkStartedOn: '2020-01-01', unitAccidentDeclared: true, badRecordDeclared: true }),
      edition,
      [],
      TODAY,
    );
    expect(r.failures.map((f) => [f.code, f.article])).toEqual([
      ['identityInvalid', '第三条第二款'],
      ['qualityWorkYears', '第十二条第（二）项'],
      ['unitAccident', '第十二条第（六）项'],
      ['badRecord', '第十二条第（七）项'],
    ]);
  });

  it('a previous winner is matched by ID number, lower-case x included [Art.6]', () => {
    const winners = [{ idNumber: '11010519491231002X', revoked: false }];
    const r = checkIndividualEligibility(profile, person({ idNumber: '11010519491231002x' }), edition, winners, TODAY);
    expect(r.failures.map((f) => f.code)).toEqual(['previousWinner']);
  });

  it('an invalid start date is reported, not thrown', () => {
    const r = checkIndividualEligibility(profile, person({ qualityWorkStartedOn: '2010-13-01' }), edition, [], TODAY);
    expect(r.failures.map((f) => f.code)).toEqual(['invalidDate']);
  });
});

describe('Art. 11 preference [Art.11]', () => {
  const withMode = (mode: 'none' | 'tiebreak' | 'bonus', bonusPoints = 0): RuleProfile => ({
    ...profile,
    preference: { ...profile.preference, mode, bonusPoints },
  });

  it('none: recorded, no effect', () => {
    expect(preferenceEffect(withMode('none'), ['modern_agriculture'])).toMatchObject({ bonus: 0, tiebreakRank: 0, categories: ['modern_agriculture'] });
  });
  it('tiebreak: rank 1 for a preferred category, 0 otherwise; unknown codes ignored', () => {
    expect(preferenceEffect(withMode('tiebreak'), ['strategic_emerging'])).toMatchObject({ bonus: 0, tiebreakRank: 1 });
    expect(preferenceEffect(withMode('tiebreak'), ['made_up'])).toMatchObject({ bonus: 0, tiebreakRank: 0, categories: [] });
  });
  it('bonus: the profile points once, however many categories', () => {
    const e = preferenceEffect(withMode('bonus', 10), ['modern_agriculture', 'new_services']);
    expect(e).toMatchObject({ bonus: 10, tiebreakRank: 0 });
    expect(e.explanation).toContain('加 10 分');
  });

  it('tiebreak orders equal scores and flags the change', () => {
    const ranked = rankWithPreference(withMode('tiebreak'), [
      { id: 'a', score: 800, categories: [] },
      { id: 'b', score: 800, categories: ['modern_agriculture'] },
      { id: 'c', score: 900, categories: [] },
    ]);
    expect(ranked.map((r) => [r.id, r.rank, r.rankWithoutPreference, r.changedByPreference])).toEqual([
      ['c', 1, 1, false],
      ['b', 2, 2, false],
      ['a', 3, 2, true],
    ]);
  });

  it('bonus can overtake a higher raw score, and says so', () => {
    const ranked = rankWithPreference(withMode('bonus', 20), [
      { id: 'a', score: 810, categories: [] },
      { id: 'b', score: 800, categories: ['new_services'] },
    ]);
    expect(ranked.map((r) => [r.id, r.adjustedScore, r.rank, r.changedByPreference])).toEqual([
      ['b', 820, 1, true],
      ['a', 810, 2, true],
    ]);
  });
});
