import { describe, expect, it } from 'vitest';
import type { StageResults } from '../../src/contract/technical-scoring.js';
import { rowErrors } from '../../src/web/experts/importErrors.js';
import { industryNames, industrySelectOptions } from '../../src/web/experts/industryOptions.js';
import { advancementDecision, changedRows, decidableRows } from '../../src/web/technical/advancement.js';

type Row = StageResults['sections'][number]['rows'][number];
const row = (id: string, advances: boolean | null, complete = true): Row => ({
  applicationId: id,
  name: `申报${id}`,
  state: 'material_review',
  stateLabel: '材料评审中',
  members: 5,
  submitted: 5,
  complete,
  rawMean: 500,
  score: 500,
  calibrated: 500,
  disagreement: false,
  rank: 1,
  advances,
  inGreyZone: false,
  tiedAtCut: false,
});

describe('the pool import refusal, as a table', () => {
  it('splits the server field 第N行·列 into row and column, and keeps a file error apart', () => {
    const rows = rowErrors([
      { field: '第3行·联系电话', message: '联系电话应为 11 位手机号' },
      { field: 'file', message: '文件中没有可以导入的专家' },
    ]);
    expect(rows.map(({ row: r, column, message }) => [r, column, message])).toEqual([
      [3, '联系电话', '联系电话应为 11 位手机号'],
      [null, '文件', '文件中没有可以导入的专家'],
    ]);
  });
});

describe('GB/T 4754 options for the expert form', () => {
  const data = { sections: [{ code: 'C', name: '制造业', divisions: [{ code: '13', name: '农副食品加工业' }] }] };
  it('offers the whole section and its divisions, and names every code', () => {
    expect(industrySelectOptions(data)[0]!.options.map((o) => o.value)).toEqual(['C', '13']);
    expect(industryNames(data).get('13')).toBe('13 农副食品加工业');
  });
});

describe('the advancement decision from the proposal and the agency’s changes', () => {
  const results = { sections: [{ kind: 'unit', cutOff: 480, rows: [row('a', true), row('b', false), row('c', null, false)] }] } as unknown as StageResults;
  it('decides only on ranked rows still at the stage', () => {
    expect(decidableRows(results).map((r) => r.applicationId)).toEqual(['a', 'b']);
  });
  it('follows the checkboxes and carries a reason only on a row changed against the proposal', () => {
    const rows = decidableRows(results);
    const chosen = { a: true, b: true };
    expect(changedRows(rows, chosen).map((r) => r.applicationId)).toEqual(['b']);
    const body = advancementDecision(rows, chosen, { a: '不应出现', b: ' 现场材料补充后达到要求 ' }, '2026-12-01', '材料评审');
    expect(body).toMatchObject({ kind: 'advancement', decidedOn: '2026-12-01' });
    expect(body.items).toEqual([
      { applicationId: 'a', outcome: 'advance', expectedState: 'material_review' },
      { applicationId: 'b', outcome: 'advance', expectedState: 'material_review', reason: '现场材料补充后达到要求' },
    ]);
  });
  it('keeps the proposal for a row the agency did not touch', () => {
    const body = advancementDecision(decidableRows(results), {}, {}, '2026-12-01', '材料评审');
    expect(body.items.map((i) => i.outcome)).toEqual(['advance', 'not_advance']);
  });
});
