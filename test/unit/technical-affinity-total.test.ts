import { describe, expect, it } from 'vitest';
import { expertAffinity } from '../../src/domain/experts/affinity.js';
import { technicalTotal } from '../../src/domain/scoring/technical-total.js';

describe('expert affinity (industry match, title)', () => {
  const unit = { industrySection: 'C', industryDivision: '38' };
  it('the division fits best, the section next, nothing else fits', () => {
    expect(expertAffinity({ industries: ['38'], title: '高级工程师' }, unit)).toMatchObject({ score: 1, industryMatch: true });
    expect(expertAffinity({ industries: ['C'], title: '高级工程师' }, unit)).toMatchObject({ score: 0.6, industryMatch: true });
    // Another division of the same section (34 is in C) still shares the section.
    expect(expertAffinity({ industries: ['34'], title: '高级工程师' }, unit)).toMatchObject({ score: 0.6, industryMatch: true });
    expect(expertAffinity({ industries: ['F'], title: '高级工程师' }, unit)).toMatchObject({ score: 0, industryMatch: false, why: '无行业匹配' });
  });
  it('a senior title adds a little, and is never an industry match by itself', () => {
    expect(expertAffinity({ industries: ['38'], title: '正高级工程师' }, unit).score).toBe(1.2);
    expect(expertAffinity({ industries: ['F'], title: '教授' }, unit)).toMatchObject({ score: 0.2, industryMatch: false });
  });
  it('an individual applicant (no industry) fits every expert alike', () => {
    const none = { industrySection: null, industryDivision: null };
    expect(expertAffinity({ industries: ['38'], title: '工程师' }, none).score).toBe(0);
  });
});

describe('technical total by the stage weights (SPEC §5)', () => {
  const profile = { stageWeights: { material: 0.4, onsiteDefence: 0.4, satisfaction: 0.2 } };
  it('material alone until later stages exist; otherwise the weighted mean, rescaled without the survey', () => {
    expect(technicalTotal(profile, { material: 700 })).toBe(700);
    expect(technicalTotal(profile, { material: 700, onsite: 800, defence: 600 })).toBe(700);
    expect(technicalTotal(profile, { material: 600, onsite: 800 })).toBe(700);
    expect(technicalTotal({ stageWeights: { material: 0.3, onsiteDefence: 0.5, satisfaction: 0.2 } }, { material: 600, onsite: 800, defence: 800 })).toBeCloseTo(725, 9);
  });
  it('no material score, no total', () => expect(technicalTotal(profile, { onsite: 800 })).toBeNull());
});
