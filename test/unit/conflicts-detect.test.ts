import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectConflictGroups, detectConflicts, expandCountyGroups } from '../../src/domain/conflicts/detect.js';
import { detectConflictsNaive } from '../../src/domain/conflicts/naive.js';
import { DEFAULT_CONFLICT_RULES, type ConflictRules } from '../../src/domain/conflicts/rules.js';
import type { Conflict, ConflictApplicant, ConflictExpert } from '../../src/domain/conflicts/types.js';
import type { ExpertInput } from '../../src/domain/experts/expert.js';

const YEAR = 2026;
const ALL_ON: ConflictRules = { sameUnit: true, formerEmployerYears: 3, relatives: true, advisers: true, sameCounty: true };
const ALL_OFF: ConflictRules = { sameUnit: false, formerEmployerYears: 0, relatives: false, advisers: false, sameCounty: false };

const expert = (over: Partial<ConflictExpert> = {}): ConflictExpert => ({
  id: 'E1',
  unit: '临沂大学',
  countyName: null,
  formerEmployers: [],
  relativesUnits: [],
  advisedUnits: [],
  ...over,
});
const unitApplicant = (name: string, over: Partial<ConflictApplicant> = {}): ConflictApplicant => ({ id: 'A1', name, unit: name, countyName: null, ...over });

const detect = (e: ConflictExpert[], a: ConflictApplicant[], rules: ConflictRules = ALL_ON) => detectConflicts(e, a, rules, { year: YEAR });
const rulesOf = (cs: Conflict[]) => cs.map((c) => `${c.expertId}/${c.applicationId}/${c.rule}`).sort();

describe('each rule, positive and negative [Art.24]', () => {
  const applicant = unitApplicant('临沂华信有限公司', { countyName: '兰山区' });

  it('same unit: the expert works at the applicant, however the name is spelt', () => {
    expect(detect([expert({ unit: '临沂华信有限责任公司' })], [applicant])).toEqual([
      { expertId: 'E1', applicationId: 'A1', rule: 'same_unit', explanation: '专家现任职于申报单位「临沂华信有限公司」' },
    ]);
    expect(detect([expert({ unit: '临沂华新有限公司' })], [applicant])).toEqual([]);
    expect(detect([expert({ unit: '临沂华信有限公司' })], [applicant], { ...ALL_ON, sameUnit: false })).toEqual([]);
  });

  it('former employer: left exactly N years ago conflicts, N + 1 years ago does not', () => {
    const leftIn = (toYear: number | null) => expert({ formerEmployers: [{ unit: '临沂华信有限公司', fromYear: 2015, toYear }] });
    expect(detect([leftIn(YEAR - 3)], [applicant])).toEqual([
      { expertId: 'E1', applicationId: 'A1', rule: 'former_employer', explanation: '专家2015–2023年曾任职于申报单位「临沂华信有限公司」（离任在3年回避期内）' },
    ]);
    expect(detect([leftIn(YEAR - 4)], [applicant])).toEqual([]);
    expect(detect([leftIn(YEAR - 4)], [applicant], { ...ALL_ON, formerEmployerYears: 4 })).toHaveLength(1);
    expect(detect([leftIn(null)], [applicant])[0].explanation).toBe('专家自2015年起任职于申报单位「临沂华信有限公司」，至今未离任');
    // 0 turns the rule off, even for a post still held.
    expect(detect([leftIn(null)], [applicant], { ...ALL_ON, formerEmployerYears: 0 })).toEqual([]);
  });

  it('former employer: two stints at one unit give one conflict, explained by the latest', () => {
    const e = expert({
      formerEmployers: [
        { unit: '临沂华信有限公司', fromYear: 2000, toYear: 2005 },
        { unit: '临沂华信有限责任公司', fromYear: 2024, toYear: 2024 },
      ],
    });
    expect(detect([e], [applicant]).map((c) => c.explanation)).toEqual(['专家2024年曾任职于申报单位「临沂华信有限公司」（离任在3年回避期内）']);
  });

  it('relative: a close relative works at the applicant', () => {
    expect(rulesOf(detect([expert({ relativesUnits: ['临沂华信股份有限公司'] })], [applicant]))).toEqual(['E1/A1/relative']);
    expect(detect([expert({ relativesUnits: ['临沂华信有限公司'] })], [applicant])[0].explanation).toBe('专家的近亲属任职于申报单位「临沂华信有限公司」');
    expect(detect([expert({ relativesUnits: ['临沂华信集团有限公司'] })], [applicant])).toEqual([]);
    expect(detect([expert({ relativesUnits: ['临沂华信有限公司'] })], [applicant], { ...ALL_ON, relatives: false })).toEqual([]);
  });

  it('adviser: the expert advises or holds shares in the applicant', () => {
    expect(detect([expert({ advisedUnits: ['其他单位', '临沂华信有限公司'] })], [applicant])).toEqual([
      { expertId: 'E1', applicationId: 'A1', rule: 'adviser', explanation: '专家担任申报单位「临沂华信有限公司」的顾问或持有其股份' },
    ]);
    expect(detect([expert({ advisedUnits: ['其他单位'] })], [applicant])).toEqual([]);
    expect(detect([expert({ advisedUnits: ['临沂华信有限公司'] })], [applicant], { ...ALL_ON, advisers: false })).toEqual([]);
  });

  it('same county: only when the profile says so, and only for a known county on both sides', () => {
    expect(detect([expert({ countyName: '兰山区' })], [applicant])).toEqual([
      { expertId: 'E1', applicationId: 'A1', rule: 'same_county', explanation: '专家与申报方同属「兰山区」' },
    ]);
    expect(detect([expert({ countyName: '罗庄区' })], [applicant])).toEqual([]);
    expect(detect([expert({ countyName: null })], [unitApplicant('X', { countyName: null })])).toEqual([]);
    expect(detect([expert({ countyName: '兰山区' })], [applicant], DEFAULT_CONFLICT_RULES)).toEqual([]);
  });

  it('an individual applicant conflicts through their work unit, named as such', () => {
    const person: ConflictApplicant = { id: 'A2', name: '王芳', unit: '临沂华信有限公司', countyName: null };
    expect(detect([expert({ unit: '临沂华信有限公司' })], [person])).toEqual([
      { expertId: 'E1', applicationId: 'A2', rule: 'same_unit', explanation: '专家现任职于申报人王芳所在单位「临沂华信有限公司」' },
    ]);
    // The person's name is not a unit: an expert "working at 王芳" does not conflict.
    expect(detect([expert({ unit: '王芳' })], [person])).toEqual([]);
  });

  it('several rules for one pair give several entries; no rule on, no conflict', () => {
    const e = expert({
      unit: '临沂华信有限公司',
      countyName: '兰山区',
      formerEmployers: [{ unit: '临沂华信有限公司', fromYear: 2010, toYear: 2025 }],
      relativesUnits: ['临沂华信有限公司'],
      advisedUnits: ['临沂华信有限公司'],
    });
    expect(rulesOf(detect([e], [applicant]))).toEqual(['E1/A1/adviser', 'E1/A1/former_employer', 'E1/A1/relative', 'E1/A1/same_county', 'E1/A1/same_unit']);
    expect(detect([e], [applicant], ALL_OFF)).toEqual([]);
  });

  it('every applicant of the unit is found, and only those', () => {
    const apps = [unitApplicant('临沂华信有限公司', { id: 'A1' }), unitApplicant('临沂华新有限公司', { id: 'A2' }), { id: 'A3', name: '李雷', unit: '临沂华信有限责任公司', countyName: null }];
    expect(rulesOf(detect([expert({ unit: '临沂华信有限公司' })], apps))).toEqual(['E1/A1/same_unit', 'E1/A3/same_unit']);
  });
});

describe('a pool record is a ConflictExpert as it is', () => {
  it('an expert without a county is detected by unit alone', () => {
    const pooled: ExpertInput & { id: string } = {
      id: 'E7',
      name: '张明',
      unit: '临沂华信有限公司',
      title: '教授',
      industries: ['38'],
      phone: '13905390000',
      formerEmployers: [],
      relativesUnits: [],
      advisedUnits: [],
      available: true,
      maxLoad: 10,
    };
    expect(rulesOf(detect([pooled], [unitApplicant('临沂华信有限公司', { countyName: '兰山区' })]))).toEqual(['E7/A1/same_unit']);
  });
});

describe('same-county conflicts grouped', () => {
  it('one group per county holding its experts and applications; the flat list expands it', () => {
    const experts = [expert({ id: 'E1', countyName: '兰山区' }), expert({ id: 'E2', countyName: '兰山区' }), expert({ id: 'E3', countyName: '费县' })];
    const apps = [unitApplicant('甲', { id: 'A1', countyName: '兰山区' }), unitApplicant('乙', { id: 'A2', countyName: '兰山区' }), unitApplicant('丙', { id: 'A3', countyName: '河东区' })];
    const { pairs, countyGroups } = detectConflictGroups(experts, apps, ALL_ON, { year: YEAR });
    expect(pairs).toEqual([]);
    expect(countyGroups).toEqual([{ countyName: '兰山区', expertIds: ['E1', 'E2'], applicationIds: ['A1', 'A2'], explanation: '专家与申报方同属「兰山区」' }]);
    expect(rulesOf(expandCountyGroups(countyGroups))).toEqual(['E1/A1/same_county', 'E1/A2/same_county', 'E2/A1/same_county', 'E2/A2/same_county']);
    expect(rulesOf(detect(experts, apps))).toEqual(rulesOf(expandCountyGroups(countyGroups)));
  });
});

describe('the index agrees with the nested loop on random pools', () => {
  const units = ['临沂华信有限公司', '临沂华信有限责任公司', '临沂华新股份有限公司', '临沂ＡＢＣ公司', '临沂abc有限公司', '沂蒙集团', '沂蒙（集团）有限公司', '临沂大学', ''];
  const counties = ['兰山区', '罗庄区', '费县', null];
  const unit = fc.constantFrom(...units);
  const arbExpert = fc.record({
    unit,
    countyName: fc.constantFrom(...counties),
    formerEmployers: fc.array(
      fc.record({ unit, fromYear: fc.integer({ min: 2010, max: 2020 }), toYear: fc.option(fc.integer({ min: 2020, max: YEAR }), { nil: null }) }),
      { maxLength: 3 },
    ),
    relativesUnits: fc.array(unit, { maxLength: 2 }),
    advisedUnits: fc.array(unit, { maxLength: 2 }),
  });
  const arbApplicant = fc.record({ individual: fc.boolean(), unit, countyName: fc.constantFrom(...counties) });
  const arbRules = fc.record({ sameUnit: fc.boolean(), formerEmployerYears: fc.integer({ min: 0, max: 6 }), relatives: fc.boolean(), advisers: fc.boolean(), sameCounty: fc.boolean() });
  const canonical = (cs: Conflict[]) => cs.map((c) => JSON.stringify([c.expertId, c.applicationId, c.rule, c.explanation])).sort();

  it('same conflicts, same explanations', () => {
    fc.assert(
      fc.property(fc.array(arbExpert, { maxLength: 8 }), fc.array(arbApplicant, { maxLength: 8 }), arbRules, (es, as, rules) => {
        const experts = es.map((e, i) => ({ ...e, id: `E${i}` }));
        const applicants = as.map((a, i) => ({ id: `A${i}`, name: a.individual ? `申报人${i}` : a.unit, unit: a.unit, countyName: a.countyName }));
        const fast = detectConflicts(experts, applicants, rules, { year: YEAR });
        expect(canonical(fast)).toEqual(canonical(detectConflictsNaive(experts, applicants, rules, { year: YEAR })));
        // One entry per (pair, rule).
        expect(new Set(fast.map((c) => `${c.expertId}/${c.applicationId}/${c.rule}`)).size).toBe(fast.length);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
