import type { IndexedInstance } from './indexed.js';
import { MinCostFlow } from './min-cost-flow.js';

/**
 * The assignment as a min-cost flow (scaled integer costs, minimised):
 *
 *   application a (supply k) ─pair arc (cap 1, −affinity)→ expert e ─load arc→ sink (demand n·k)
 *
 * - load arc: capacity min(capacity, n), the j-th unit costs loadPenalty·(2j − 1), so a load L
 *   costs loadPenalty·L² in total (convex: work spreads evenly);
 * - unfilled arc a → sink, capacity k, cost BIG > the spread of every solution's real cost, so
 *   the optimum fills the most seats first and maximises the objective among those;
 * - soft rules, still a flow: industry cover puts a's industry-matched experts under a node I(a)
 *   whose arc from a pays −bonus for the first unit and 0 after; same unit puts a's experts of one
 *   unit under a node N(a, u) whose arc from its parent is free for the first unit and costs
 *   sameUnitPenalty for each further one. A flow can only price nested groups, and "industry" and
 *   "unit" cross, so unit nodes are split by side (matched under I(a), the rest under a): exact
 *   whenever, for each application, a unit's experts are all matched or all not; otherwise two
 *   same-unit experts on different sides go unpriced (explainAssignment still reports them).
 * - conflicted pairs get no arc; zero-affinity pairs get no arc up front (column generation,
 *   see solve.ts).
 */
export interface AssignmentNetwork {
  ix: IndexedInstance;
  flow: MinCostFlow;
  scale: number;
  big: number;
  sink: number;
  penaltyS: number;
  /** Forward arc, application and expert of every pair arc. */
  pairArc: number[];
  pairApp: number[];
  pairExpert: number[];
  /** Per application: experts with a pair arc (explicit or added column). */
  explicit: number[][];
  /** Per application: unit index → N(a, u) on the unmatched side. */
  unitNodes: Array<Map<number, number>>;
}

export const expertNode = (net: AssignmentNetwork, e: number) => net.ix.appIds.length + e;

/** Keeps |cost| sums, potentials and dual values exact in doubles (≤ 2^44 per BIG, a few BIG per path). */
const MAX_BIG = 2 ** 44;
const PREFERRED_SCALE = 1e6;

export function buildNetwork(ix: IndexedInstance): AssignmentNetwork {
  const n = ix.appIds.length;
  const m = ix.expertIds.length;
  const { k } = ix;
  const candidates = ix.affinity.map((aff, a) => {
    const set = new Set<number>([...aff.keys(), ...ix.matched[a]]);
    return [...set].filter((e) => !ix.conflicted[a].has(e) && ix.capacity[e] > 0).sort((x, y) => x - y);
  });
  const loadCap = Array.from(ix.capacity, (c) => Math.min(c, n));
  const rawBig = (scaleOf: (x: number) => number) => {
    let total = 1;
    candidates.forEach((list, a) => {
      let maxAbs = 0;
      for (const e of list) maxAbs = Math.max(maxAbs, Math.abs(scaleOf(ix.affinity[a].get(e) ?? 0)));
      total += 2 * k * maxAbs + scaleOf(ix.industryCoverBonus) + (k - 1) * scaleOf(ix.sameUnitPenalty);
    });
    for (const L of loadCap) total += scaleOf(ix.loadPenalty) * L * L;
    return total;
  };
  const scale = Math.min(PREFERRED_SCALE, MAX_BIG / rawBig((x) => x));
  const scaled = (x: number) => Math.round(x * scale);
  const big = Math.ceil(rawBig(scaled)) + 1;

  const flow = new MinCostFlow();
  for (let a = 0; a < n; a++) flow.addNode(k);
  for (let e = 0; e < m; e++) flow.addNode(0);
  const sink = flow.addNode(-n * k);
  const loadS = scaled(ix.loadPenalty);
  const penaltyS = scaled(ix.sameUnitPenalty);
  const bonusS = scaled(ix.industryCoverBonus);
  for (let e = 0; e < m; e++) {
    if (loadCap[e] === 0) continue;
    flow.addArc(n + e, sink, loadCap[e], loadS, 3 * loadS, 2 * loadS);
    flow.pi[n + e] = -loadS; // a free expert starts at price 0: its load arc has reduced cost 0
  }
  const net: AssignmentNetwork = {
    ix,
    flow,
    scale,
    big,
    sink,
    penaltyS,
    pairArc: [],
    pairApp: [],
    pairExpert: [],
    explicit: candidates,
    unitNodes: Array.from({ length: n }, () => new Map<number, number>()),
  };
  for (let a = 0; a < n; a++) {
    const created: number[] = [];
    const matched = ix.matched[a];
    const useIndustry = bonusS > 0 && candidates[a].some((e) => matched.has(e));
    const industry = useIndustry ? flow.addNode() : -1;
    if (useIndustry) flow.addArc(a, industry, k, -bonusS, 0, 0);
    const matchedUnits = new Map<number, number>();
    for (const e of candidates[a]) {
      const onMatchedSide = useIndustry && matched.has(e);
      const parent = onMatchedSide
        ? unitParent(net, a, e, industry, matchedUnits, created)
        : unitParent(net, a, e, a, net.unitNodes[a], created);
      addPair(net, parent, a, e, scaled(ix.affinity[a].get(e) ?? 0));
    }
    flow.addArc(a, sink, k, big);
    // Every application starts at its best expert: potentials from the leaves up.
    for (let i = created.length - 1; i >= 0; i--) flow.pi[created[i]] = flow.potentialFromChildren(created[i]);
    if (useIndustry) flow.pi[industry] = flow.potentialFromChildren(industry);
    flow.pi[a] = flow.potentialFromChildren(a);
  }
  return net;
}

/** The node an expert's pair arc hangs from: N(a, unit) when the same-unit rule applies, else root. */
export function unitParent(
  net: AssignmentNetwork,
  a: number,
  e: number,
  root: number,
  nodes: Map<number, number>,
  created?: number[],
): number {
  const u = net.ix.unitOf[e];
  if (net.penaltyS <= 0 || u < 0 || net.ix.unitSize[u] < 2) return root;
  let node = nodes.get(u);
  if (node === undefined) {
    node = net.flow.addNode();
    net.flow.addArc(root, node, net.ix.k, 0, net.penaltyS, 0);
    net.flow.pi[node] = net.flow.pi[root]; // valid for the free first unit; refined by callers
    nodes.set(u, node);
    created?.push(node);
  }
  return node;
}

export function addPair(net: AssignmentNetwork, parent: number, a: number, e: number, affinityScaled: number): number {
  const arc = net.flow.addArc(parent, expertNode(net, e), 1, -affinityScaled);
  net.pairArc.push(arc);
  net.pairApp.push(a);
  net.pairExpert.push(e);
  return arc;
}
