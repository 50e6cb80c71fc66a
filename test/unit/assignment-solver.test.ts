import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  greedyAssignment,
  solveAssignment,
  solveAssignmentDetailed,
  type AssignmentInstance,
  type AssignmentResult,
} from '../../src/domain/assignment/index.js';

/** Small random instances: ≤ 5 applications, ≤ 6 experts, k ≤ 3, every soft feature sometimes on. */
const smallInstance = (options: { soft: boolean }) =>
  fc
    .record({
      apps: fc.integer({ min: 1, max: 5 }),
      experts: fc.integer({ min: 1, max: 6 }),
      k: fc.integer({ min: 1, max: 3 }),
      loadPenalty: fc.constantFrom(0, 0, 0.05, 0.3),
      sameUnitPenalty: fc.constantFrom(0, 0.2, 1),
      industryCoverBonus: fc.constantFrom(0, 0.25, 2),
      capacities: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 }),
      units: fc.array(fc.constantFrom(undefined, 'U1', 'U2'), { minLength: 6, maxLength: 6 }),
      // Per pair: [kind (0 none, 1 affinity, 2 conflict, 3 both), affinity in hundredths (some negative), industry match]
      pairs: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -20, max: 100 }), fc.boolean()), {
        minLength: 30,
        maxLength: 30,
      }),
    })
    .map((r): AssignmentInstance => {
      const affinity: Array<[string, string, number]> = [];
      const conflicts: Array<[string, string]> = [];
      const industryMatch: Array<[string, string]> = [];
      for (let a = 0; a < r.apps; a++) {
        for (let e = 0; e < r.experts; e++) {
          const [kind, value, match] = r.pairs[a * 6 + e];
          if (kind === 1 || kind === 3) affinity.push([`A${a}`, `E${e}`, value / 100]);
          if (kind === 2 || kind === 3) conflicts.push([`A${a}`, `E${e}`]);
          if (options.soft && match) industryMatch.push([`A${a}`, `E${e}`]);
        }
      }
      return {
        k: r.k,
        loadPenalty: r.loadPenalty,
        experts: Array.from({ length: r.experts }, (_, e) => ({
          id: `E${e}`,
          capacity: r.capacities[e],
          ...(options.soft && r.units[e] ? { unit: r.units[e] } : {}),
        })),
        applications: Array.from({ length: r.apps }, (_, a) => ({ id: `A${a}` })),
        affinity,
        conflicts,
        ...(options.soft ? { soft: { sameUnitPenalty: r.sameUnitPenalty, industryCoverBonus: r.industryCoverBonus }, industryMatch } : {}),
      };
    });

/**
 * What a panel is worth, written independently of the solver: affinities, the industry bonus
 * once, and the same-unit penalty per extra expert of a unit (units counted separately among
 * industry-matched and other experts, as the network prices them).
 */
function panelValue(inst: AssignmentInstance, app: string, panel: string[]): number {
  const aff = new Map(inst.affinity.filter(([a]) => a === app).map(([, e, v]) => [e, v]));
  const conflicted = new Set(inst.conflicts.filter(([a]) => a === app).map(([, e]) => e));
  const matched = new Set((inst.industryMatch ?? []).filter(([a, e]) => a === app && !conflicted.has(e)).map(([, e]) => e));
  const capacity = new Map(inst.experts.map((e) => [e.id, e.capacity]));
  const unit = new Map(inst.experts.map((e) => [e.id, e.unit]));
  const unitSize = new Map<string, number>();
  for (const e of inst.experts) if (e.unit) unitSize.set(e.unit, (unitSize.get(e.unit) ?? 0) + 1);
  const bonus = inst.soft?.industryCoverBonus ?? 0;
  const penalty = inst.soft?.sameUnitPenalty ?? 0;
  const split = bonus > 0 && [...matched].some((e) => capacity.get(e)! > 0);
  let value = panel.reduce((s, e) => s + (aff.get(e) ?? 0), 0);
  if (split && panel.some((e) => matched.has(e))) value += bonus;
  const groups = new Map<string, number>();
  for (const e of panel) {
    const u = unit.get(e);
    if (!u || unitSize.get(u)! < 2) continue;
    const key = `${split && matched.has(e)}:${u}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const c of groups.values()) value -= penalty * (c - 1);
  return value;
}

function subsetsUpTo<T>(items: T[], size: number): T[][] {
  const out: T[][] = [[]];
  items.forEach((item, i) => {
    for (const s of subsetsUpTo(items.slice(i + 1), size - 1)) if (s.length < size) out.push([item, ...s]);
  });
  return out.filter((s) => s.length <= size);
}

/** Exhaustive optimum over every panel choice (memoised on the loads): [seats, value]. */
function bruteForce(inst: AssignmentInstance): [number, number] {
  const experts = inst.experts.map((e) => e.id);
  const capacity = inst.experts.map((e) => e.capacity);
  const memo = new Map<string, [number, number]>();
  const best = (a: number, loads: number[]): [number, number] => {
    if (a === inst.applications.length) return [0, 0];
    const key = `${a}|${loads.join(',')}`;
    const cached = memo.get(key);
    if (cached) return cached;
    const app = inst.applications[a].id;
    const conflicted = new Set(inst.conflicts.filter(([x]) => x === app).map(([, e]) => e));
    const usable = experts.map((_, i) => i).filter((i) => !conflicted.has(experts[i]) && loads[i] < capacity[i]);
    let result: [number, number] = [-1, -Infinity];
    for (const panel of subsetsUpTo(usable, inst.k)) {
      const next = [...loads];
      let loadCost = 0;
      for (const i of panel) loadCost += inst.loadPenalty * (2 * next[i]++ + 1);
      const [seats, value] = best(a + 1, next);
      const candidate: [number, number] = [seats + panel.length, value + panelValue(inst, app, panel.map((i) => experts[i])) - loadCost];
      if (candidate[0] > result[0] || (candidate[0] === result[0] && candidate[1] > result[1])) result = candidate;
    }
    memo.set(key, result);
    return result;
  };
  return best(0, experts.map(() => 0));
}

function valueOf(inst: AssignmentInstance, result: AssignmentResult): [number, number] {
  const load = new Map<string, number>();
  let seats = 0;
  let value = 0;
  for (const app of inst.applications) {
    const panel = result.assignments[app.id] ?? [];
    seats += panel.length;
    value += panelValue(inst, app.id, panel);
    for (const e of panel) load.set(e, (load.get(e) ?? 0) + 1);
  }
  for (const l of load.values()) value -= inst.loadPenalty * l * l;
  return [seats, value];
}

function expectValid(inst: AssignmentInstance, result: AssignmentResult): void {
  const conflicts = new Set(inst.conflicts.map(([a, e]) => `${a}|${e}`));
  const load = new Map<string, number>();
  for (const app of inst.applications) {
    const panel = result.assignments[app.id];
    expect(panel.length).toBeLessThanOrEqual(inst.k);
    expect(new Set(panel).size).toBe(panel.length);
    for (const e of panel) {
      expect(conflicts.has(`${app.id}|${e}`)).toBe(false);
      load.set(e, (load.get(e) ?? 0) + 1);
    }
  }
  for (const e of inst.experts) {
    expect(load.get(e.id) ?? 0).toBeLessThanOrEqual(e.capacity);
    expect(result.loads[e.id]).toBe(load.get(e.id) ?? 0);
  }
  const short = inst.applications.filter((a) => result.assignments[a.id].length < inst.k).map((a) => a.id);
  expect(result.unassigned.map((u) => u.application)).toEqual(short);
}

describe('exact assignment solver (properties)', () => {
  it('never assigns a conflicted pair, never exceeds a capacity, never repeats an expert on a panel [Art.24]', () => {
    fc.assert(
      fc.property(smallInstance({ soft: true }), (inst) => {
        expectValid(inst, solveAssignment(inst));
        expectValid(inst, greedyAssignment(inst));
      }),
      { numRuns: 300 },
    );
  });

  it('fills as many seats as a brute-force search and reaches its optimum', () => {
    fc.assert(
      fc.property(smallInstance({ soft: false }), (inst) => {
        const [seats, value] = bruteForce(inst);
        const result = solveAssignment(inst);
        const [gotSeats, gotValue] = valueOf(inst, result);
        expect(gotSeats).toBe(seats);
        expect(gotValue).toBeCloseTo(value, 6);
        expect(result.objective).toBeCloseTo(value, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('with soft rules, reaches the brute-force optimum of the priced panel value', () => {
    fc.assert(
      fc.property(smallInstance({ soft: true }), (inst) => {
        const [seats, value] = bruteForce(inst);
        const [gotSeats, gotValue] = valueOf(inst, solveAssignment(inst));
        expect(gotSeats).toBe(seats);
        expect(gotValue).toBeCloseTo(value, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('the greedy oracle is never better (fewer seats, or as many and no higher value)', () => {
    fc.assert(
      fc.property(smallInstance({ soft: true }), (inst) => {
        const [seats, value] = valueOf(inst, solveAssignment(inst));
        const [greedySeats, greedyValue] = valueOf(inst, greedyAssignment(inst));
        expect(greedySeats).toBeLessThanOrEqual(seats);
        if (greedySeats === seats) expect(greedyValue).toBeLessThanOrEqual(value + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('the flow carries its own optimality certificate (LP dual value equals its cost)', () => {
    fc.assert(
      fc.property(smallInstance({ soft: true }), (inst) => {
        const { stats } = solveAssignmentDetailed(inst, { verify: true });
        expect(stats.certificate).toBe(true);
        expect(stats.dual).toBe(stats.primal);
      }),
      { numRuns: 200 },
    );
  });
});
