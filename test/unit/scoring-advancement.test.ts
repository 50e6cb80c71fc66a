import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankForAdvancement } from '../../src/domain/scoring/index.js';

const entries = (scores: Record<string, number>) => Object.entries(scores).map(([id, score]) => ({ id, score }));
const pick = <T extends object, K extends keyof T>(rows: T[], ...keys: K[]) => rows.map((r) => keys.map((k) => r[k]));

describe('advancement [Art.15]', () => {
  it('top N: ranks by score, the first N advance, the cut-off is the lowest advancing score', () => {
    const r = rankForAdvancement(entries({ A: 620, B: 710, C: 655, D: 590, E: 640 }), { top: 3, minScore: null, greyZonePoints: 15 });
    expect(pick(r.entries, 'id', 'rank', 'advances', 'inGreyZone')).toEqual([
      ['B', 1, true, false],
      ['C', 2, true, true], // 655 − 640 = 15
      ['E', 3, true, true],
      ['A', 4, false, false], // 20 below
      ['D', 5, false, false],
    ]);
    expect(r.cutOff).toBe(640);
    expect(r.advancing).toBe(3);
    expect(r.tieAtCut).toBe(false);
  });

  it('a tie straddling the cut is marked for a human; the proposal breaks it by id and ranks share a number', () => {
    const r = rankForAdvancement(entries({ D: 600, A: 700, C: 600, B: 650, E: 500 }), { top: 3, minScore: null, greyZonePoints: 0 });
    expect(pick(r.entries, 'id', 'rank', 'advances', 'tiedAtCut', 'inGreyZone')).toEqual([
      ['A', 1, true, false, false],
      ['B', 2, true, false, false],
      ['C', 3, true, true, true],
      ['D', 3, false, true, true],
      ['E', 5, false, false, false],
    ]);
    expect(r.tieAtCut).toBe(true);
  });

  it('a tie entirely above the cut is not a tie at the cut', () => {
    const r = rankForAdvancement(entries({ A: 700, B: 700, C: 600 }), { top: 2, minScore: null, greyZonePoints: 0 });
    expect(r.entries.map((e) => e.tiedAtCut)).toEqual([false, false, false]);
    expect(r.entries.map((e) => e.rank)).toEqual([1, 1, 3]);
  });

  it('minimum score: everyone at or above it advances, ties included; the cut-off is the threshold', () => {
    const r = rankForAdvancement(entries({ A: 600, B: 600, C: 599.5, D: 720 }), { top: null, minScore: 600, greyZonePoints: 5 });
    expect(pick(r.entries, 'id', 'advances', 'inGreyZone', 'tiedAtCut')).toEqual([
      ['D', true, false, false],
      ['A', true, true, false],
      ['B', true, true, false],
      ['C', false, true, false],
    ]);
    expect(r.cutOff).toBe(600);
  });

  it('top N and a minimum score: the stricter one cuts', () => {
    const scores = entries({ A: 700, B: 680, C: 560, D: 550 });
    const threshold = rankForAdvancement(scores, { top: 3, minScore: 600, greyZonePoints: 0 });
    expect(threshold.advancing).toBe(2);
    expect(threshold.cutOff).toBe(600);
    const cap = rankForAdvancement(scores, { top: 1, minScore: 600, greyZonePoints: 0 });
    expect(cap.advancing).toBe(1);
    expect(cap.cutOff).toBe(700);
  });

  it('a cap above the number of applications cuts nothing', () => {
    const r = rankForAdvancement(entries({ A: 700, B: 500 }), { top: 5, minScore: null, greyZonePoints: 50 });
    expect(r.cutOff).toBeNull();
    expect(r.entries.every((e) => e.advances && !e.inGreyZone)).toBe(true);
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => rankForAdvancement([], { top: 0, minScore: null, greyZonePoints: 0 })).toThrow(RangeError);
    expect(() => rankForAdvancement([], { top: 2.5, minScore: null, greyZonePoints: 0 })).toThrow(RangeError);
  });

  it('never lets a lower score advance over a higher one, respects the cap, and ignores input order (property)', () => {
    const scoresArb = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }), score: fc.integer({ min: 0, max: 20 }).map((s) => 500 + 10 * s) }), {
      selector: (e) => e.id,
      maxLength: 30,
    });
    const ruleArb = fc.record({
      top: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
      minScore: fc.option(fc.integer({ min: 500, max: 700 }), { nil: null }),
      greyZonePoints: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(scoresArb, ruleArb, (scores, rule) => {
        const r = rankForAdvancement(scores, rule);
        const up = r.entries.filter((e) => e.advances);
        const down = r.entries.filter((e) => !e.advances);
        if (rule.top !== null) expect(up.length).toBeLessThanOrEqual(rule.top);
        if (rule.minScore !== null) for (const e of up) expect(e.score).toBeGreaterThanOrEqual(rule.minScore);
        if (up.length && down.length) expect(Math.min(...up.map((e) => e.score))).toBeGreaterThanOrEqual(Math.max(...down.map((e) => e.score)));
        for (const e of r.entries) expect(e.inGreyZone).toBe(r.cutOff !== null && Math.abs(e.score - r.cutOff) <= rule.greyZonePoints);
        expect(rankForAdvancement([...scores].reverse(), rule)).toEqual(r);
      }),
    );
  });
});
