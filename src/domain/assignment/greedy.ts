import { indexInstance, type IndexedInstance } from './indexed.js';
import type { AssignmentInstance } from './instance.js';
import { resultOf, type AssignmentResult, type Panels } from './result.js';

/**
 * The test oracle and the bench's baseline: applications in input order, each takes the feasible
 * expert with the best marginal gain (affinity − the load penalty's next step ± the soft rules'
 * terms) until it has k or nothing is left. Never better than the exact solver.
 */
export function greedyAssignment(instance: AssignmentInstance): AssignmentResult {
  const ix = indexInstance(instance);
  return resultOf(ix, greedyPanels(ix));
}

export function greedyPanels(ix: IndexedInstance): Panels {
  const m = ix.expertIds.length;
  const load = new Int32Array(m);
  const onPanel = new Int32Array(m).fill(-1);
  return ix.appIds.map((_, a) => {
    const panel: number[] = [];
    const explicit = [...new Set([...ix.affinity[a].keys(), ...ix.matched[a]])];
    const units = new Set<number>();
    const gain = (e: number) => {
      let g = (ix.affinity[a].get(e) ?? 0) - ix.loadPenalty * (2 * load[e] + 1);
      if (ix.unitOf[e] >= 0 && units.has(ix.unitOf[e])) g -= ix.sameUnitPenalty;
      if (ix.matched[a].has(e) && !panel.some((p) => ix.matched[a].has(p))) g += ix.industryCoverBonus;
      return g;
    };
    const usable = (e: number) => onPanel[e] !== a && load[e] < ix.capacity[e] && !ix.conflicted[a].has(e);
    while (panel.length < ix.k) {
      let best = -1;
      let bestGain = -Infinity;
      for (const e of explicit) {
        if (usable(e) && gain(e) > bestGain) [best, bestGain] = [e, gain(e)];
      }
      // A pair without affinity gains at most −loadPenalty; scan them only when that could win.
      if (best < 0 || bestGain < -ix.loadPenalty) {
        for (let e = 0; e < m; e++) {
          if (usable(e) && !ix.affinity[a].has(e) && gain(e) > bestGain) [best, bestGain] = [e, gain(e)];
        }
      }
      if (best < 0) break;
      panel.push(best);
      onPanel[best] = a;
      load[best]++;
      if (ix.unitOf[best] >= 0) units.add(ix.unitOf[best]);
    }
    return panel;
  });
}
