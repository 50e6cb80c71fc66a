import type { IndexedInstance } from './indexed.js';

export interface AssignmentResult {
  /** Application id → its experts, best affinity first. */
  assignments: Record<string, string[]>;
  /** Total affinity − loadPenalty × Σ load² (soft rules excluded). */
  objective: number;
  /** Every application with fewer than k experts, and why (Chinese, for the agency). */
  unassigned: Array<{ application: string; reason: string }>;
  /** Expert id → number of applications assigned. */
  loads: Record<string, number>;
}

/** Assignments as expert indices per application. */
export type Panels = number[][];

const roundTo9 = (x: number) => Math.round(x * 1e9) / 1e9;

/** Builds the result (objective, loads, reasons) from panels; shared by the solver and the greedy. */
export function resultOf(ix: IndexedInstance, panels: Panels): AssignmentResult {
  const load = new Int32Array(ix.expertIds.length);
  let affinity = 0;
  const assignments: Record<string, string[]> = {};
  panels.forEach((panel, a) => {
    const sorted = [...panel].sort((x, y) => (ix.affinity[a].get(y) ?? 0) - (ix.affinity[a].get(x) ?? 0) || x - y);
    for (const e of sorted) {
      load[e]++;
      affinity += ix.affinity[a].get(e) ?? 0;
    }
    assignments[ix.appIds[a]] = sorted.map((e) => ix.expertIds[e]);
  });
  let squares = 0;
  const loads: Record<string, number> = {};
  load.forEach((l, e) => {
    squares += l * l;
    loads[ix.expertIds[e]] = l;
  });
  return {
    assignments,
    objective: roundTo9(affinity - ix.loadPenalty * squares),
    unassigned: unassignedReasons(ix, panels, load),
    loads,
  };
}

function unassignedReasons(ix: IndexedInstance, panels: Panels, load: Int32Array): AssignmentResult['unassigned'] {
  const { k } = ix;
  const n = ix.appIds.length;
  let totalCapacity = 0;
  for (const c of ix.capacity) totalCapacity += Math.min(c, n);
  const out: AssignmentResult['unassigned'] = [];
  panels.forEach((panel, a) => {
    if (panel.length >= k) return;
    const got = `本项已分配 ${panel.length}/${k} 名`;
    let usable = 0;
    let spare = 0;
    const onPanel = new Set(panel);
    ix.capacity.forEach((cap, e) => {
      if (cap <= 0 || ix.conflicted[a].has(e)) return;
      usable++;
      if (!onPanel.has(e) && load[e] < cap) spare++;
    });
    let reason: string;
    if (usable < k) {
      reason = `可用专家不足：排除利益冲突（${ix.conflicted[a].size} 名）和无评审容量的专家后仅有 ${usable} 名专家可用，少于所需的 ${k} 名；${got}`;
    } else if (totalCapacity < n * k) {
      reason = `专家总容量不足：全部专家共 ${totalCapacity} 个评审席位，少于 ${n} 项申报 × ${k} 名 = ${n * k} 个；${got}`;
    } else {
      reason = `可用专家不足：排除利益冲突后仅剩 ${spare} 名专家有剩余容量，其余可用专家的容量已被其他申报用满；${got}`;
    }
    out.push({ application: ix.appIds[a], reason });
  });
  return out;
}
