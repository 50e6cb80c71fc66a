import { describe, expect, it } from 'vitest';
import { allMembersSubmitted, clockTime, consensusStart, PERCENT_STEPS, roundToStep, unscoredCodes, withEntry } from '../../src/web/expert/scorebook/draft.js';
import { fmtPoints } from '../../src/web/expert/scorebook/format.js';

const spread = { count: 3, min: 0, max: 0, spread: 0, categoryCode: 'C1', points: 40, meanScore: 0, consensusPercent: null, flagged: false };
const aggregate = (items: { code: string; mean: number | null }[]) => ({
  method: 'mean',
  appliedMethod: 'mean',
  note: null,
  items: items.map((i) => ({ ...spread, ...i })),
  total: { count: 3, mean: 500, min: 450, max: 550, spread: 100, flagged: false },
  byCategory: {},
  rawMean: 500,
  aggregate: 500,
  dropped: { low: [], high: [] },
  disagreement: false,
});

describe('the scorebook editor helpers', () => {
  it('offers 0–100 in steps of 5', () => {
    expect(PERCENT_STEPS).toHaveLength(21);
    expect(PERCENT_STEPS[0]).toBe(0);
    expect(PERCENT_STEPS[20]).toBe(100);
    expect(PERCENT_STEPS.every((p) => p % 5 === 0)).toBe(true);
  });

  it('rounds a mean to the nearest step, within 0–100', () => {
    expect(roundToStep(62.4)).toBe(60);
    expect(roundToStep(62.5)).toBe(65);
    expect(roundToStep(57.6)).toBe(60);
    expect(roundToStep(101)).toBe(100);
    expect(roundToStep(-3)).toBe(0);
  });

  it('starts the consensus from the panel mean rounded to 5, leaving unscored items empty', () => {
    expect(consensusStart(aggregate([{ code: '1.1', mean: 56.67 }, { code: '1.2', mean: null }, { code: '7.1', mean: 71 }]))).toEqual({
      '1.1': { percent: 55 },
      '1.2': { percent: null },
      '7.1': { percent: 70 },
    });
    expect(consensusStart(null)).toEqual({});
  });

  it('reads the unscored item codes of a 422, codes with dots included', () => {
    expect(unscoredCodes([{ field: 'items.1.1.percent' }, { field: 'items.P7.percent' }, { field: 'body.items.2.3.percent' }, { field: 'revision' }, { field: 'items' }])).toEqual(['1.1', 'P7', '2.3']);
  });

  it('lets the consensus start only when every member submitted', () => {
    const m = (status: 'draft' | 'submitted' | null) => ({ expertId: crypto.randomUUID(), name: 'x', isLeader: false, status });
    expect(allMembersSubmitted([m('submitted'), m('submitted')])).toBe(true);
    expect(allMembersSubmitted([m('submitted'), m('draft')])).toBe(false);
    expect(allMembersSubmitted([m('submitted'), m(null)])).toBe(false);
    expect(allMembersSubmitted([])).toBe(false);
  });

  it('changes one item, keeps the others and drops emptied texts', () => {
    const start = { a: { percent: 50, strengths: '好' }, b: { percent: 20 } };
    const next = withEntry(start, 'a', { strengths: '', opportunities: '可改进' });
    expect(next).toEqual({ a: { percent: 50, opportunities: '可改进' }, b: { percent: 20 } });
    expect(start.a.strengths).toBe('好');
    expect(withEntry({}, 'c', { strengths: '新' })).toEqual({ c: { percent: null, strengths: '新' } });
    expect(withEntry(next, 'b', { percent: null })).toEqual({ a: { percent: 50, opportunities: '可改进' }, b: { percent: null } });
  });

  it('shows the save time in Beijing time and points without noise', () => {
    expect(clockTime(new Date('2026-12-01T14:05:09Z'))).toBe('22:05:09');
    expect(fmtPoints(62.5)).toBe('62.5');
    expect(fmtPoints(2.25)).toBe('2.25');
    expect(fmtPoints(0.1 + 0.2)).toBe('0.3');
    expect(fmtPoints(null)).toBe('—');
  });
});
