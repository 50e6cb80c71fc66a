import { indexInstance } from './indexed.js';
import type { AssignmentInstance } from './instance.js';
import { addPair, buildNetwork, expertNode, unitParent, type AssignmentNetwork } from './network.js';
import { resultOf, type AssignmentResult, type Panels } from './result.js';

/**
 * The exact solver (issue 11): fill the most seats, then maximise total affinity − loadPenalty ×
 * Σ load² (plus the soft rules' terms), as a min-cost flow (network.ts, min-cost-flow.ts).
 *
 * Zero-affinity pairs by column generation. A dense instance (10,000 × 3,000) has 30M pairs,
 * almost all of affinity 0; only pairs with an affinity or an industry match get an arc up front.
 * After each solve the potentials π certify optimality on the arcs present (every residual arc
 * has reduced cost ≥ 0). An omitted zero pair a → e (cost 0, capacity 1, no flow) would only add
 * the residual arc parent(a, e) → e with reduced cost π[parent] − π[e], so the flow is optimal for
 * the full network iff no omitted pair has π[e] > π[parent]: the potentials are then feasible duals
 * of the full LP with equal cost (complementary slackness), and a min-cost flow LP has an integral
 * optimum, so nothing better exists. The check sorts experts by π once per round and, per
 * application, walks that order only while π[e] exceeds the application's lowest parent potential,
 * skipping its few explicit and conflicted experts — no pair is ever enumerated blindly. Violated
 * pairs are added as arcs carrying one unit (which restores the invariant), the resulting
 * excess/deficit is rerouted by the same shortest-path routine, and the loop repeats; each round
 * adds arcs that did not exist, so it ends. (Where a pair's parent N(a, u) does not exist yet, the
 * check uses π[a]: a new N(a, u) can take π[a], which keeps its free first arc at reduced cost 0.)
 */

/** Columns added per application and round: enough for a whole panel. */
const columnsPerApplication = (k: number) => Math.max(k, 4);

export interface SolveStats {
  rounds: number;
  columns: number;
  dijkstras: number;
  nodes: number;
  arcs: number;
  scale: number;
  /** Scaled min cost of the flow and the LP dual value of its potentials (equal at the optimum). */
  primal?: number;
  dual?: number;
  certificate?: boolean;
}

export function solveAssignment(instance: AssignmentInstance): AssignmentResult {
  return solveAssignmentDetailed(instance).result;
}

export function solveAssignmentDetailed(
  instance: AssignmentInstance,
  options: { verify?: boolean } = {},
): { result: AssignmentResult; stats: SolveStats } {
  const net = buildNetwork(indexInstance(instance));
  let rounds = 0;
  let columns = 0;
  for (;;) {
    rounds++;
    // Always feasible: every application can send its k units through its unfilled arc.
    if (!net.flow.run()) throw new Error('assignment network unexpectedly infeasible');
    const added = addViolatedColumns(net);
    if (added === 0) break;
    columns += added;
  }
  const stats: SolveStats = {
    rounds,
    columns,
    dijkstras: net.flow.dijkstras,
    nodes: net.flow.nodeCount,
    arcs: net.flow.arcCount >> 1,
    scale: net.scale,
  };
  if (options.verify) {
    stats.primal = net.flow.primalCost();
    stats.dual = net.flow.dualBound();
    stats.certificate = net.flow.reducedCostsNonNegative();
  }
  return { result: resultOf(net.ix, panelsOf(net)), stats };
}

export interface SolveProgress {
  /** Column-generation round (1 = the first solve; later rounds check and improve optimality). */
  round: number;
  /** Units routed so far; about `seats` in the first round. */
  augmentations: number;
  seats: number;
}

/**
 * The same exact solve, for a solve someone watches: it gives the event loop back every
 * `sliceMs` and reports its progress, so a server stays responsive and a browser can show it.
 */
export async function solveAssignmentInSlices(instance: AssignmentInstance, onProgress: (p: SolveProgress) => void, sliceMs = 50): Promise<AssignmentResult> {
  const net = buildNetwork(indexInstance(instance));
  const progress: SolveProgress = { round: 0, augmentations: 0, seats: instance.k * instance.applications.length };
  let sliceStart = Date.now();
  for (;;) {
    progress.round++;
    const steps = net.flow.steps();
    let step = steps.next();
    while (!step.done) {
      progress.augmentations++;
      if (Date.now() - sliceStart >= sliceMs) {
        onProgress({ ...progress });
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
      step = steps.next();
    }
    if (!step.value) throw new Error('assignment network unexpectedly infeasible');
    if (addViolatedColumns(net) === 0) break;
  }
  onProgress({ ...progress });
  return resultOf(net.ix, panelsOf(net));
}

function panelsOf(net: AssignmentNetwork): Panels {
  const panels: Panels = net.ix.appIds.map(() => []);
  net.pairArc.forEach((arc, i) => {
    if (net.flow.flow(arc) > 0) panels[net.pairApp[i]].push(net.pairExpert[i]);
  });
  return panels;
}

/** Adds (with one unit of flow) every omitted zero pair with negative reduced cost, a few per application. */
function addViolatedColumns(net: AssignmentNetwork): number {
  const { ix, flow } = net;
  const { pi } = flow;
  const n = ix.appIds.length;
  const order = ix.expertIds.map((_, e) => e).filter((e) => ix.capacity[e] > 0);
  const price = Float64Array.from(ix.expertIds, (_, e) => pi[expertNode(net, e)]);
  order.sort((x, y) => price[y] - price[x]);
  const mark = new Int32Array(ix.expertIds.length).fill(-1);
  const limit = columnsPerApplication(ix.k);
  const found: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) {
    for (const e of net.explicit[a]) mark[e] = a;
    for (const e of ix.conflicted[a]) mark[e] = a;
    const nodes = net.unitNodes[a];
    let threshold = pi[a];
    for (const node of nodes.values()) threshold = Math.min(threshold, pi[node]);
    let count = 0;
    for (const e of order) {
      if (price[e] <= threshold) break;
      if (mark[e] === a) continue;
      const u = ix.unitOf[e];
      const node = net.penaltyS > 0 && u >= 0 ? nodes.get(u) : undefined;
      if ((node === undefined ? pi[a] : pi[node]) - price[e] < 0) {
        found.push([a, e]);
        if (++count >= limit) break;
      }
    }
  }
  for (const [a, e] of found) {
    const parent = unitParent(net, a, e, a, net.unitNodes[a]);
    const arc = addPair(net, parent, a, e, 0);
    net.explicit[a].push(e);
    if (flow.reducedCost(arc) < 0) flow.pushUnit(arc);
  }
  return found.length;
}
