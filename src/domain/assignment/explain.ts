import { indexInstance, type IndexedInstance } from './indexed.js';
import type { AssignmentInstance } from './instance.js';
import type { AssignmentResult } from './result.js';

export interface AssignmentExplanation {
  applications: Array<{
    id: string;
    experts: Array<{ id: string; affinity: number; industryMatch: boolean; unit?: string }>;
    /** Units with more than one expert on this panel. */
    sameUnit: string[];
    industryCovered: boolean;
    /** Why the panel is short, when it is. */
    shortBy?: { missing: number; reason: string };
  }>;
  experts: Array<{ id: string; load: number; capacity: number }>;
}

/** Per application its experts and why (affinity, industry, unit); per expert the load. */
export function explainAssignment(instance: AssignmentInstance, result: AssignmentResult): AssignmentExplanation {
  const ix = indexInstance(instance);
  const expertIndex = new Map(ix.expertIds.map((id, i) => [id, i]));
  const unitName = new Map(instance.experts.map((e) => [e.id, e.unit]));
  const reasons = new Map(result.unassigned.map((u) => [u.application, u.reason]));
  const applications = ix.appIds.map((id, a) => {
    const panel = (result.assignments[id] ?? []).map((e) => expertIndex.get(e)!);
    const units = panel.map((e) => unitName.get(ix.expertIds[e])).filter((u): u is string => u !== undefined);
    const sameUnit = [...new Set(units.filter((u, i) => units.indexOf(u) !== i))];
    const reason = reasons.get(id);
    return {
      id,
      experts: panel.map((e) => ({
        id: ix.expertIds[e],
        affinity: ix.affinity[a].get(e) ?? 0,
        industryMatch: ix.matched[a].has(e),
        ...(unitName.get(ix.expertIds[e]) ? { unit: unitName.get(ix.expertIds[e]) } : {}),
      })),
      sameUnit,
      industryCovered: panel.some((e) => ix.matched[a].has(e)),
      ...(reason ? { shortBy: { missing: ix.k - panel.length, reason } } : {}),
    };
  });
  const experts = instance.experts.map((e) => ({ id: e.id, load: result.loads[e.id] ?? 0, capacity: e.capacity }));
  return { applications, experts };
}

export interface AssignmentScore {
  seats: number;
  /** Total affinity − loadPenalty × Σ load². */
  objective: number;
  /** What the solver maximises after seats: objective − same-unit penalties + industry bonuses, priced as the network does. */
  modelled: number;
}

/** Scores panels the way the exact solver prices them (network.ts: unit groups split by industry side). */
export function scoreAssignment(instance: AssignmentInstance, assignments: Record<string, string[]>): AssignmentScore {
  const ix = indexInstance(instance);
  const expertIndex = new Map(ix.expertIds.map((id, i) => [id, i]));
  const load = new Int32Array(ix.expertIds.length);
  let seats = 0;
  let affinity = 0;
  let soft = 0;
  ix.appIds.forEach((id, a) => {
    const panel = (assignments[id] ?? []).map((e) => expertIndex.get(e)!);
    seats += panel.length;
    for (const e of panel) {
      load[e]++;
      affinity += ix.affinity[a].get(e) ?? 0;
    }
    soft += softTerms(ix, a, panel);
  });
  let squares = 0;
  for (const l of load) squares += l * l;
  const objective = affinity - ix.loadPenalty * squares;
  return { seats, objective, modelled: objective + soft };
}

function softTerms(ix: IndexedInstance, a: number, panel: number[]): number {
  const industrySide = ix.industryCoverBonus > 0 && [...ix.matched[a]].some((e) => ix.capacity[e] > 0);
  const matchedCount = panel.filter((e) => ix.matched[a].has(e)).length;
  let total = industrySide && matchedCount > 0 ? ix.industryCoverBonus : 0;
  const perGroup = new Map<string, number>();
  for (const e of panel) {
    const u = ix.unitOf[e];
    if (u < 0 || ix.unitSize[u] < 2) continue;
    const key = `${industrySide && ix.matched[a].has(e) ? 'm' : 'o'}:${u}`;
    perGroup.set(key, (perGroup.get(key) ?? 0) + 1);
  }
  for (const c of perGroup.values()) total -= ix.sameUnitPenalty * (c - 1);
  return total;
}
