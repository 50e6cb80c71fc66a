import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCORING_BANDS,
  bandDescription,
  bandOf,
  isComplete,
  itemScore,
  itemsOf,
  scorebookEntrySchema,
  scorebookItemsSchema,
  scorebookTotals,
  type ScorebookItems,
} from '../../src/domain/scoring/index.js';
import type { ScoringTemplate } from '../../src/domain/profile/schema.js';
import { loadProfile } from './support/profiles.js';

const templates = loadProfile('linyi-2017').scoringTemplates;
const unit = templates.unit;
const allAt = (template: ScoringTemplate, percent: number | null): ScorebookItems =>
  Object.fromEntries(itemsOf(template).map((i) => [i.code, { percent }]));
const step5 = fc.integer({ min: 0, max: 20 }).map((k) => k * 5);

describe('bands', () => {
  it('covers every step of 5 exactly once, in the six GB/Z 19579 bands [Art.5]', () => {
    expect(SCORING_BANDS.map((b) => [b.min, b.max])).toEqual([[0, 5], [10, 25], [30, 45], [50, 65], [70, 85], [90, 100]]);
    for (let p = 0; p <= 100; p += 5) {
      expect(SCORING_BANDS.filter((b) => p >= b.min && p <= b.max)).toHaveLength(1);
    }
  });

  it.each([[0, '0%–5%'], [5, '0%–5%'], [10, '10%–25%'], [45, '30%–45%'], [50, '50%–65%'], [85, '70%–85%'], [90, '90%–100%'], [100, '90%–100%']])(
    'bandOf(%i) is %s',
    (percent, label) => expect(bandOf(percent).label).toBe(label),
  );

  it.each([-5, 7, 2.5, 105, Number.NaN])('bandOf(%d) is a programming error', (percent) => {
    expect(() => bandOf(percent)).toThrow(RangeError);
  });

  it('describes process items by 方法-展开-学习-整合 and result items by 水平-趋势-对比-整合', () => {
    expect(bandDescription(0, 'process')[0]).toBe('方法：没有系统的方法，信息是零散、孤立的');
    expect(bandDescription(95, 'process').map((l) => l.slice(0, 2))).toEqual(['方法', '展开', '学习', '整合']);
    expect(bandDescription(60, 'result').map((l) => l.slice(0, 2))).toEqual(['水平', '趋势', '对比', '整合']);
    expect(bandDescription(60, 'result')).not.toEqual(bandDescription(40, 'result'));
  });
});

describe('scorebook arithmetic', () => {
  it('item score = points × percentage', () => {
    expect(itemScore(50, 35)).toBe(17.5);
    expect(itemScore(15, 35)).toBe(5.25);
    expect(itemScore(80, 0)).toBe(0);
    expect(itemScore(80, 100)).toBe(80);
  });

  it.each([['unit'], ['individual']] as const)('the Linyi %s template totals exactly 1000 at full marks and 0 at none [Art.5]', (kind) => {
    const template = templates[kind];
    const full = scorebookTotals(template, allAt(template, 100));
    expect(full.total).toBe(1000);
    expect(Object.values(full.byCategory).reduce((s, v) => s + v, 0)).toBe(1000);
    expect(full.completeness).toEqual({ filled: itemsOf(template).length, of: itemsOf(template).length });
    expect(scorebookTotals(template, allAt(template, 0)).total).toBe(0);
  });

  it('sums per category: GB/T 19580 results are 400 points [Art.5]', () => {
    const t = scorebookTotals(unit, allAt(unit, 100));
    expect(t.byCategory).toMatchObject({ '4.1': 110, '4.4': 130, '4.7': 400 });
    const half = scorebookTotals(unit, { '4.7.2': { percent: 50 }, '4.1.2': { percent: 35 } });
    expect(half).toEqual({
      total: 57.5,
      byCategory: { '4.1': 17.5, '4.2': 0, '4.3': 0, '4.4': 0, '4.5': 0, '4.6': 0, '4.7': 40 },
      completeness: { filled: 2, of: 23 },
    });
  });

  it('total is the sum of the item scores and never above the template total (property)', () => {
    const items = itemsOf(unit);
    fc.assert(
      fc.property(fc.array(fc.option(step5, { nil: null }), { minLength: items.length, maxLength: items.length }), (percents) => {
        const book = Object.fromEntries(items.map((i, k) => [i.code, { percent: percents[k] }]));
        const t = scorebookTotals(unit, book);
        const expected = items.reduce((s, i, k) => s + itemScore(i.points, percents[k] ?? 0), 0);
        expect(t.total).toBeCloseTo(expected, 9);
        expect(t.total).toBeGreaterThanOrEqual(0);
        expect(t.total).toBeLessThanOrEqual(1000);
        expect(t.completeness.filled).toBe(percents.filter((p) => p !== null).length);
        expect(isComplete(unit, book)).toBe(percents.every((p) => p !== null));
      }),
    );
  });

  it('is complete only when every item has a percentage', () => {
    const book = allAt(unit, 60);
    expect(isComplete(unit, book)).toBe(true);
    expect(isComplete(unit, { ...book, '4.4.6': { percent: null } })).toBe(false);
    const { '4.4.6': _dropped, ...missing } = book;
    expect(isComplete(unit, missing)).toBe(false);
  });
});

describe('scorebook validation', () => {
  const issues = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) =>
    schema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('accepts 0..100 in steps of 5, and null for not yet scored', () => {
    fc.assert(
      fc.property(step5, (percent) => {
        expect(issues(scorebookEntrySchema, { percent })).toEqual([]);
      }),
    );
    expect(issues(scorebookEntrySchema, { percent: null, strengths: '方法系统', opportunities: '展开不足' })).toEqual([]);
  });

  it.each([7, 2.5, -5, 105, 101])('refuses %d with a Chinese message', (percent) => {
    expect(issues(scorebookEntrySchema, { percent })).toEqual(['percent: 得分率应为 0 到 100 之间 5 的整数倍']);
  });

  it('refuses a percentage that is not a number, over-long text and unknown fields', () => {
    expect(issues(scorebookEntrySchema, { percent: '50' })).toEqual(['percent: 得分率应为数字']);
    expect(issues(scorebookEntrySchema, { percent: 50, strengths: '优'.repeat(2001) })).toEqual(['strengths: 优势不能超过 2000 个字符']);
    expect(issues(scorebookEntrySchema, { percent: 50, score: 12 })).toHaveLength(1);
  });

  it('refuses item codes the template does not have, and checks each entry', () => {
    const schema = scorebookItemsSchema(unit);
    expect(issues(schema, { '4.1.2': { percent: 50 }, '4.1.3': { percent: null } })).toEqual([]);
    expect(issues(schema, { '4.1.2': { percent: 50 }, '9.9.9': { percent: 50 } })).toEqual(['9.9.9: 评分模板中没有条款“9.9.9”']);
    expect(issues(schema, { '4.1.2': { percent: 52 } })).toEqual(['4.1.2.percent: 得分率应为 0 到 100 之间 5 的整数倍']);
    // The individual template's codes are not the unit template's.
    expect(issues(scorebookItemsSchema(templates.individual), { '4.1.2': { percent: 50 } })).toHaveLength(1);
  });
});
