import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { run as assign } from '../../src/cli/commands/assign.js';
import {
  explainAssignment,
  greedyAssignment,
  parseInstance,
  solveAssignment,
  solveAssignmentInSlices,
  type AssignmentInstance,
  type AssignmentInstanceInput,
} from '../../src/domain/assignment/index.js';

const experts = (spec: Array<[string, number, string?]>) => spec.map(([id, capacity, unit]) => ({ id, capacity, ...(unit ? { unit } : {}) }));
const apps = (...ids: string[]) => ids.map((id) => ({ id }));
const instance = (input: AssignmentInstanceInput): AssignmentInstance => {
  const parsed = parseInstance(input);
  if (!parsed.ok) throw new Error(`${parsed.field}: ${parsed.message}`);
  return parsed.instance;
};

describe('parseInstance', () => {
  const base = { k: 1, loadPenalty: 0, experts: experts([['E1', 2], ['E2', 1]]), applications: apps('A1', 'A2'), affinity: [], conflicts: [] };
  it.each([
    [{ ...base, affinity: [['A1', 'E1', 0.5], ['A2', 'E1', 0.1], ['A1', 'E2', 0.2], ['A2', 'E9', 0.3]] }, 'affinity[3][1]', '未知的专家编号'],
    [{ ...base, conflicts: [['A7', 'E1']] }, 'conflicts[0][0]', '未知的申报编号'],
    [{ ...base, experts: experts([['E1', 2], ['E1', 1]]) }, 'experts[1].id', '专家编号重复'],
    [{ ...base, applications: apps('A1', 'A1') }, 'applications[1].id', '申报编号重复'],
    [{ ...base, experts: experts([['E1', -1]]) }, 'experts[0].capacity', '容量不能为负数'],
    [{ ...base, affinity: [['A1', 'E1', Number.NaN]] }, 'affinity[0][2]', '有限数值'],
    [{ ...base, loadPenalty: Number.POSITIVE_INFINITY }, 'loadPenalty', '有限数值'],
    [{ ...base, k: 0 }, 'k', '至少为 1'],
    [{ ...base, affinity: [['A1', 'E1', 0.5], ['A1', 'E1', 0.6]] }, 'affinity[1]', '配对重复'],
    [{ ...base, industryMatch: [['A1', 'E3']] }, 'industryMatch[0][1]', '未知的专家编号'],
  ])('refuses a fault and names its field (%#)', (input, field, fragment) => {
    const result = parseInstance(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.field).toBe(field);
      expect(result.message).toContain(fragment);
    }
  });

  it('accepts the issue format without the optional extras', () => {
    expect(parseInstance({ k: 5, loadPenalty: 0, experts: [{ id: 'E1', capacity: 15 }], applications: [{ id: 'A1' }], affinity: [['A1', 'E1', 0.73]], conflicts: [] }).ok).toBe(true);
  });
});

describe('solveAssignment on chosen cases', () => {
  it('takes a zero-affinity expert when that frees a better pair for another application', () => {
    // E1 has room for one: A1 values it more; A2 has no affinity elsewhere and gets E2 at 0.
    const inst = instance({ k: 1, experts: experts([['E1', 1], ['E2', 1]]), applications: apps('A2', 'A1'), affinity: [['A1', 'E1', 0.9], ['A2', 'E1', 0.5]] });
    const result = solveAssignment(inst);
    expect(result.assignments).toEqual({ A1: ['E1'], A2: ['E2'] });
    expect(result.objective).toBeCloseTo(0.9, 9);
    // The greedy serves A2 first and is worse.
    expect(greedyAssignment(inst).objective).toBeCloseTo(0.5, 9);
  });

  it('spreads load when the penalty outweighs the affinity difference', () => {
    const inst = instance({ k: 1, loadPenalty: 0.1, experts: experts([['E1', 2], ['E2', 2]]), applications: apps('A1', 'A2'), affinity: [['A1', 'E1', 0.5], ['A2', 'E1', 0.5], ['A1', 'E2', 0.4], ['A2', 'E2', 0.4]] });
    const result = solveAssignment(inst);
    expect(Object.values(result.loads)).toEqual([1, 1]);
    expect(result.objective).toBeCloseTo(0.9 - 0.1 * 2, 9);
  });

  it('explains a short panel when conflicts leave too few experts', () => {
    const inst = instance({ k: 2, experts: experts([['E1', 5], ['E2', 5], ['E3', 5]]), applications: apps('A1', 'A2'), conflicts: [['A1', 'E1'], ['A1', 'E2']] });
    const result = solveAssignment(inst);
    expect(result.assignments.A1).toEqual(['E3']);
    expect(result.unassigned).toHaveLength(1);
    expect(result.unassigned[0].application).toBe('A1');
    expect(result.unassigned[0].reason).toContain('仅有 1 名专家可用');
  });

  it('explains short panels when the pool has too few seats in total', () => {
    const inst = instance({ k: 2, experts: experts([['E1', 1], ['E2', 2]]), applications: apps('A1', 'A2') });
    const result = solveAssignment(inst);
    const seats = Object.values(result.assignments).reduce((s, p) => s + p.length, 0);
    expect(seats).toBe(3);
    expect(result.unassigned).toHaveLength(1);
    expect(result.unassigned[0].reason).toContain('专家总容量不足');
    expect(result.unassigned[0].reason).toContain('3 个评审席位');
  });

  it('explains short panels when other applications have used the spare capacity', () => {
    // A1 and A2 may only use E2 and E4 (one seat each); E1 and E3 have room but are conflicted.
    const conflicts: Array<[string, string]> = [['A1', 'E1'], ['A1', 'E3'], ['A2', 'E1'], ['A2', 'E3']];
    const inst = instance({ k: 2, experts: experts([['E1', 9], ['E2', 1], ['E3', 9], ['E4', 1]]), applications: apps('A1', 'A2', 'A3'), conflicts });
    const result = solveAssignment(inst);
    expect(result.assignments.A3).toHaveLength(2);
    expect(result.assignments.A1.length + result.assignments.A2.length).toBe(2);
    expect(result.unassigned.length).toBeGreaterThanOrEqual(1);
    for (const u of result.unassigned) expect(u.reason).toContain('其余可用专家的容量已被其他申报用满');
  });

  it('the same-unit penalty changes the panel when an alternative exists', () => {
    const input = { k: 2, experts: experts([['E1', 1, 'U1'], ['E2', 1, 'U1'], ['E3', 1, 'U2']]), applications: apps('A1'), affinity: [['A1', 'E1', 0.9], ['A1', 'E2', 0.8], ['A1', 'E3', 0.7]] } satisfies AssignmentInstanceInput;
    expect(solveAssignment(instance(input)).assignments.A1).toEqual(['E1', 'E2']);
    const soft = solveAssignment(instance({ ...input, soft: { sameUnitPenalty: 0.5 } }));
    expect(soft.assignments.A1).toEqual(['E1', 'E3']);
    expect(soft.objective).toBeCloseTo(1.6, 9);
    // Without an alternative the panel is still filled: the rule is soft.
    expect(solveAssignment(instance({ ...input, k: 3, soft: { sameUnitPenalty: 5 } })).assignments.A1).toHaveLength(3);
  });

  it('the industry bonus brings in one industry expert, not more', () => {
    const input = { k: 2, experts: experts([['E1', 1], ['E2', 1], ['E3', 1], ['E4', 1]]), applications: apps('A1'), affinity: [['A1', 'E1', 0.9], ['A1', 'E2', 0.8], ['A1', 'E3', 0.5], ['A1', 'E4', 0.4]], industryMatch: [['A1', 'E3'], ['A1', 'E4']] } satisfies AssignmentInstanceInput;
    expect(solveAssignment(instance(input)).assignments.A1).toEqual(['E1', 'E2']);
    const result = solveAssignment(instance({ ...input, soft: { industryCoverBonus: 0.5 } }));
    expect(result.assignments.A1).toEqual(['E1', 'E3']);
    const explanation = explainAssignment(instance({ ...input, soft: { industryCoverBonus: 0.5 } }), result);
    expect(explanation.applications[0].industryCovered).toBe(true);
    expect(explanation.experts.find((e) => e.id === 'E1')).toEqual({ id: 'E1', load: 1, capacity: 1 });
  });

  it('column generation: sparse affinities give the same optimum as every zero pair listed', () => {
    const medium = fc.record({
      apps: fc.integer({ min: 5, max: 40 }),
      experts: fc.integer({ min: 3, max: 15 }),
      k: fc.integer({ min: 1, max: 4 }),
      loadPenalty: fc.constantFrom(0, 0.01, 0.2),
      seed: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 600, maxLength: 600 }),
      capacities: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 15, maxLength: 15 }),
    });
    fc.assert(
      fc.property(medium, (r) => {
        const sparse: AssignmentInstanceInput = { k: r.k, loadPenalty: r.loadPenalty, experts: [], applications: [], affinity: [], conflicts: [] };
        const dense: Array<[string, string, number]> = [];
        sparse.experts = Array.from({ length: r.experts }, (_, e) => ({ id: `E${e}`, capacity: r.capacities[e] }));
        sparse.applications = Array.from({ length: r.apps }, (_, a) => ({ id: `A${a}` }));
        for (let a = 0; a < r.apps; a++) {
          for (let e = 0; e < r.experts; e++) {
            const v = r.seed[a * 15 + e];
            if (v < 10) sparse.conflicts!.push([`A${a}`, `E${e}`]);
            else if (v < 35) sparse.affinity!.push([`A${a}`, `E${e}`, (v - 10) / 25]);
            if (v >= 10) dense.push([`A${a}`, `E${e}`, v < 35 ? (v - 10) / 25 : 0]);
          }
        }
        const a = solveAssignment(instance(sparse));
        const b = solveAssignment(instance({ ...sparse, affinity: dense }));
        expect(a.objective).toBeCloseTo(b.objective, 6);
        const seats = (x: typeof a) => Object.values(x.assignments).reduce((s, p) => s + p.length, 0);
        expect(seats(a)).toBe(seats(b));
      }),
      { numRuns: 60 },
    );
  });
});

describe('cli assign solve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assign-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) } };
  };
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
    return path;
  };

  it('prints assignments, objective and unassigned for a valid file', async () => {
    const path = file('ok.json', { k: 1, loadPenalty: 0, experts: [{ id: 'E1', capacity: 1 }, { id: 'E2', capacity: 1 }], applications: [{ id: 'A1' }, { id: 'A2' }, { id: 'A3' }], affinity: [['A1', 'E1', 0.73]], conflicts: [['A2', 'E2']] });
    const t = io();
    expect(await assign(['solve', path], t.io)).toBe(0);
    const printed = JSON.parse(t.out.join(''));
    expect(printed.assignments.A1).toEqual(['E1']);
    expect(printed.objective).toBeCloseTo(0.73, 9);
    expect(printed.unassigned.map((u: { application: string }) => u.application)).toHaveLength(1);
    expect(Object.keys(printed)).toEqual(['assignments', 'objective', 'unassigned']);
    expect(t.err).toEqual([]);
  });

  it('a malformed instance exits 1 naming the field', async () => {
    const path = file('bad.json', { k: 2, experts: [{ id: 'E1', capacity: 1 }], applications: [{ id: 'A1' }], affinity: [['A1', 'E1', 1], ['A1', 'E7', 1]] });
    const t = io();
    expect(await assign(['solve', path], t.io)).toBe(1);
    expect(t.out).toEqual([]);
    expect(t.err.join('')).toContain('affinity[1][1]');
  });

  it('a file that is not JSON, or missing, exits 1 with a readable message', async () => {
    const t = io();
    expect(await assign(['solve', file('junk.json', '{not json')], t.io)).toBe(1);
    expect(t.err.join('')).toContain('不是有效的 JSON');
    const u = io();
    expect(await assign(['solve', join(dir, 'absent.json')], u.io)).toBe(1);
    expect(u.err.join('')).toContain('找不到文件');
  });

  it('prints usage for anything else', async () => {
    const t = io();
    expect(await assign(['foo'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('用法');
  });
});

describe('the solve in slices (for a solve someone watches)', () => {
  it('gives the same assignment as the one-piece solve and reports progress up to every seat', async () => {
    const instance = parseInstance({
      k: 2,
      loadPenalty: 0.01,
      experts: Array.from({ length: 6 }, (_, i) => ({ id: `E${i}`, capacity: 3 })),
      applications: Array.from({ length: 8 }, (_, i) => ({ id: `A${i}` })),
      affinity: Array.from({ length: 8 }, (_, a) => [`A${a}`, `E${a % 6}`, 0.5 + a / 10]),
      conflicts: [['A0', 'E1']],
    });
    if (!instance.ok) throw new Error(instance.message);
    const seen: number[] = [];
    const sliced = await solveAssignmentInSlices(instance.instance, (p) => seen.push(p.augmentations), 0);
    expect(sliced).toEqual(solveAssignment(instance.instance));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen.at(-1)).toBeGreaterThanOrEqual(16);
  });
});
