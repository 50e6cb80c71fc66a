import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregatePanel, itemsOf, scorebookTotals, type ExpertScorebook, type ScorebookItems } from '../../src/domain/scoring/index.js';
import { loadProfile } from './support/profiles.js';

const template = loadProfile('linyi-2017').scoringTemplates.unit;
const codes = itemsOf(template).map((i) => i.code);
const thresholds = { itemSpreadPercent: 20, totalSpreadPoints: 100 };

/** A scorebook with every item at `percent`, some items overridden. */
function book(expertId: string, percent: number, overrides: Record<string, number> = {}): ExpertScorebook {
  const items: ScorebookItems = Object.fromEntries(codes.map((c) => [c, { percent: overrides[c] ?? percent }]));
  return { expertId, items, total: scorebookTotals(template, items).total };
}

describe('panel aggregation [Art.15]', () => {
  const panel = [book('E1', 50), book('E2', 60), book('E3', 55), book('E4', 70), book('E5', 40)];

  it('mean: the aggregate is the raw mean of the totals', () => {
    const r = aggregatePanel(template, panel, { method: 'mean', thresholds: { itemSpreadPercent: 100, totalSpreadPoints: 1000 } });
    expect(r.rawMean).toBe(550);
    expect(r.aggregate).toBe(550);
    expect(r.total).toMatchObject({ count: 5, min: 400, max: 700, spread: 300, flagged: false });
    expect(r.byCategory['4.7']).toBeCloseTo(220, 9);
    expect(r.disagreement).toBe(false);
  });

  it('trimmed mean drops the highest and the lowest total and says whose', () => {
    const r = aggregatePanel(template, panel, { method: 'trimmed_mean', thresholds });
    expect(r.appliedMethod).toBe('trimmed_mean');
    expect(r.aggregate).toBe(550); // (500 + 600 + 550) / 3
    expect(r.rawMean).toBe(550);
    expect(r.dropped).toEqual({ low: ['E5'], high: ['E4'] });
    const skewed = aggregatePanel(template, [...panel.slice(0, 4), book('E5', 0)], { method: 'trimmed_mean', thresholds });
    expect(skewed.aggregate).toBe(550);
    expect(skewed.rawMean).toBe(470);
  });

  it('trimmed mean with trim 2 needs five scorebooks, and falls back to the mean below that, saying so', () => {
    expect(aggregatePanel(template, panel, { method: 'trimmed_mean', trim: 2, thresholds }).aggregate).toBe(550);
    const four = aggregatePanel(template, panel.slice(0, 4), { method: 'trimmed_mean', trim: 2, thresholds });
    expect(four.appliedMethod).toBe('mean');
    expect(four.aggregate).toBe(587.5);
    expect(four.note).toContain('少于 5 份');
    const two = aggregatePanel(template, panel.slice(0, 2), { method: 'trimmed_mean', thresholds });
    expect(two.appliedMethod).toBe('mean');
    expect(two.aggregate).toBe(550);
    expect(two.dropped).toEqual({ low: [], high: [] });
  });

  it('trimmed mean drops tied totals by expert id, whatever the input order', () => {
    const tied = [book('E3', 50), book('E1', 50), book('E2', 60), book('E4', 60)];
    for (const order of [tied, [...tied].reverse()]) {
      expect(aggregatePanel(template, order, { method: 'trimmed_mean', thresholds }).dropped).toEqual({ low: ['E1'], high: ['E4'] });
    }
  });

  it('trimmed mean lies between the lowest and highest total (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 9 }), (steps) => {
        const books = steps.map((s, i) => book(`E${i}`, s * 5));
        const r = aggregatePanel(template, books, { method: 'trimmed_mean', thresholds });
        expect(r.aggregate!).toBeGreaterThanOrEqual(r.total.min! - 1e-9);
        expect(r.aggregate!).toBeLessThanOrEqual(r.total.max! + 1e-9);
        expect(r.appliedMethod).toBe(steps.length >= 3 ? 'trimmed_mean' : 'mean');
      }),
    );
  });

  it('leader consensus: no aggregate until the consensus exists, then its total, the raw mean beside it', () => {
    const before = aggregatePanel(template, panel, { method: 'leader_consensus', thresholds });
    expect(before.aggregate).toBeNull();
    expect(before.rawMean).toBe(550);
    expect(before.note).toBe('组长尚未形成合议评分');
    const consensus = book('leader', 55, { '4.1.2': 65 });
    const after = aggregatePanel(template, panel, { method: 'leader_consensus', thresholds, consensus });
    expect(after.aggregate).toBe(555);
    expect(after.rawMean).toBe(550);
    expect(after.items.find((i) => i.code === '4.1.2')!.consensusPercent).toBe(65);
    expect(after.note).toBeNull();
  });

  it('flags an item whose spread passes the threshold, not one at the threshold', () => {
    const books = [book('E1', 50, { '4.2.2': 30, '4.3.2': 40 }), book('E2', 50, { '4.2.2': 55, '4.3.2': 60 }), book('E3', 50)];
    const r = aggregatePanel(template, books, { method: 'mean', thresholds });
    const item = (code: string) => r.items.find((i) => i.code === code)!;
    expect(item('4.2.2')).toMatchObject({ count: 3, min: 30, max: 55, spread: 25, flagged: true, points: 40, categoryCode: '4.2' });
    expect(item('4.2.2').mean).toBeCloseTo(45, 9);
    expect(item('4.2.2').meanScore).toBeCloseTo(18, 9);
    expect(item('4.3.2')).toMatchObject({ spread: 20, flagged: false });
    expect(r.items.filter((i) => i.flagged).map((i) => i.code)).toEqual(['4.2.2']);
    expect(r.total.flagged).toBe(false);
    expect(r.disagreement).toBe(true);
  });

  it('flags the total when the totals spread more than the threshold', () => {
    const r = aggregatePanel(template, [book('E1', 50), book('E2', 60), book('E3', 55)], {
      method: 'mean',
      thresholds: { itemSpreadPercent: 100, totalSpreadPoints: 99 },
    });
    expect(r.total.spread).toBe(100);
    expect(r.total.flagged).toBe(true);
    expect(r.disagreement).toBe(true);
  });

  it('leaves unscored items out of the item statistics', () => {
    const partial = book('E2', 80);
    partial.items['4.1.2'] = { percent: null };
    const r = aggregatePanel(template, [book('E1', 40), partial], { method: 'mean', thresholds });
    expect(r.items.find((i) => i.code === '4.1.2')).toMatchObject({ count: 1, mean: 40, spread: 0, flagged: false });
    expect(r.items.find((i) => i.code === '4.1.3')).toMatchObject({ count: 2, mean: 60, spread: 40, flagged: true });
  });

  it('reports nothing to aggregate for an empty panel', () => {
    const r = aggregatePanel(template, [], { method: 'mean', thresholds });
    expect(r).toMatchObject({ rawMean: null, aggregate: null, note: '尚无专家评分', disagreement: false });
  });
});
