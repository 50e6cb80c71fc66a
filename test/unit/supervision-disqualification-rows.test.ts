import { describe, expect, it } from 'vitest';
import { comparisonRows } from '../../src/web/supervision/disqualificationRows.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const row = (applicationId: string, name: string, stage: string, score: number | null, rank: number | null, counted: number | null = 5) => ({ applicationId, name, kind: 'unit', stage, score, rank, calibrated: null, counted });

describe('comparisonRows (the before/after table of a disqualification)', () => {
  const rows = comparisonRows({
    before: [row(B, '乙', 'material', 76, 1), row(A, '甲', 'material', 66, 2), row(C, '丙', 'material', 50, 3, 4), row(A, '甲', 'composite', 70, 1, null)],
    after: [row(A, '甲', 'material', 80, 1, 4), row(B, '乙', 'material', 70, 2, 4), row(C, '丙', 'material', 50, 3, 4), row(A, '甲', 'composite', 72, 1, null)],
  });

  it('orders by stage (composite last), then the rank after', () => {
    expect(rows.map((r) => `${r.stage}:${r.name}`)).toEqual(['material:甲', 'material:乙', 'material:丙', 'composite:甲']);
    expect(rows.map((r) => r.stageLabel)).toEqual(['材料评审', '材料评审', '材料评审', '综合评分']);
  });

  it('marks rank moves up and down, and a changed score with the same rank as changed without a move', () => {
    expect(rows.map((r) => [r.name, r.changed, r.move])).toEqual([
      ['甲', true, 'up'],
      ['乙', true, 'down'],
      ['丙', false, null],
      ['甲', true, null],
    ]);
  });

  it('a row present on one side only is changed', () => {
    const [only] = comparisonRows({ before: [row(A, '甲', 'material', 60, 1)], after: [] });
    expect(only.changed).toBe(true);
    expect(only.afterScore).toBeNull();
    expect(only.move).toBeNull();
  });
});
