import type { AssignmentInstance } from './instance.js';

/** An instance with ids replaced by indices, shared by the exact solver, the greedy oracle and scoring. */
export interface IndexedInstance {
  k: number;
  loadPenalty: number;
  sameUnitPenalty: number;
  industryCoverBonus: number;
  appIds: string[];
  expertIds: string[];
  capacity: Int32Array;
  /** Unit index per expert, -1 when none. */
  unitOf: Int32Array;
  unitSize: Int32Array;
  /** Per application: explicit affinities by expert index. */
  affinity: Array<Map<number, number>>;
  conflicted: Array<Set<number>>;
  /** Per application: experts whose expertise covers its industry (conflicts removed). */
  matched: Array<Set<number>>;
}

export function indexInstance(instance: AssignmentInstance): IndexedInstance {
  const appIds = instance.applications.map((a) => a.id);
  const expertIds = instance.experts.map((e) => e.id);
  const appIndex = new Map(appIds.map((id, i) => [id, i]));
  const expertIndex = new Map(expertIds.map((id, i) => [id, i]));
  const units = new Map<string, number>();
  const unitOf = new Int32Array(expertIds.length).fill(-1);
  instance.experts.forEach((e, i) => {
    if (e.unit === undefined) return;
    if (!units.has(e.unit)) units.set(e.unit, units.size);
    unitOf[i] = units.get(e.unit)!;
  });
  const unitSize = new Int32Array(units.size);
  for (const u of unitOf) if (u >= 0) unitSize[u]++;
  const n = appIds.length;
  const affinity = Array.from({ length: n }, () => new Map<number, number>());
  const conflicted = Array.from({ length: n }, () => new Set<number>());
  const matched = Array.from({ length: n }, () => new Set<number>());
  for (const [a, e] of instance.conflicts) conflicted[appIndex.get(a)!].add(expertIndex.get(e)!);
  for (const [a, e, value] of instance.affinity) affinity[appIndex.get(a)!].set(expertIndex.get(e)!, value);
  for (const [a, e] of instance.industryMatch ?? []) {
    const ai = appIndex.get(a)!;
    const ei = expertIndex.get(e)!;
    if (!conflicted[ai].has(ei)) matched[ai].add(ei);
  }
  return {
    k: instance.k,
    loadPenalty: instance.loadPenalty,
    sameUnitPenalty: instance.soft?.sameUnitPenalty ?? 0,
    industryCoverBonus: instance.soft?.industryCoverBonus ?? 0,
    appIds,
    expertIds,
    capacity: Int32Array.from(instance.experts.map((e) => e.capacity)),
    unitOf,
    unitSize,
    affinity,
    conflicted,
    matched,
  };
}
