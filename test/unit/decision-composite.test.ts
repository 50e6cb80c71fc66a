import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compositeScore, percentOf } from '../../src/domain/decision/composite.js';

const LINYI = { stageWeights: { material: 0.4, onsiteDefence: 0.4, satisfaction: 0.2 }, technicalStages: ['material', 'onsite', 'defence'] as Array<'material' | 'onsite' | 'defence'> };

describe('the composite score (SPEC §5 stage weights)', () => {
  it('weighs material 40%, the mean of on-site and defence 40%, satisfaction 20% by default [Art.16]', () => {
    expect(compositeScore(LINYI, { material: 80, onsite: 70, defence: 90, satisfaction: 95 })).toEqual({ onsiteDefence: 80, score: 83, missing: [] });
  });

  it('names every missing part and gives no score rather than counting it as zero', () => {
    expect(compositeScore(LINYI, { material: 80, onsite: 70, defence: null, satisfaction: null })).toEqual({ onsiteDefence: null, score: null, missing: ['现场评审和陈述答辩得分', '社会满意度测评得分'] });
  });

  it('gives the on-site weight to the material review when a profile holds no later stage', () => {
    expect(compositeScore({ ...LINYI, technicalStages: ['material'] }, { material: 50, onsite: null, defence: null, satisfaction: 100 }).score).toBe(60);
  });

  it('stays within 0–100 and grows with every part (property)', () => {
    const part = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(part, part, part, part, fc.double({ min: 0, max: 10, noNaN: true }), (m, o, d, s, bump) => {
        const base = compositeScore(LINYI, { material: m, onsite: o, defence: d, satisfaction: s }).score!;
        expect(base).toBeGreaterThanOrEqual(0);
        expect(base).toBeLessThanOrEqual(100);
        const more = compositeScore(LINYI, { material: Math.min(100, m + bump), onsite: o, defence: d, satisfaction: s }).score!;
        expect(more).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('turns points into a percentage of the template', () => {
    expect(percentOf(650, 1000)).toBe(65);
    expect(percentOf(null, 1000)).toBeNull();
  });
});
