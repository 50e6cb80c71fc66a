/**
 * Min-cost flow by successive shortest paths with node potentials (Dijkstra on reduced costs).
 *
 * Why this algorithm: the assignment network is bipartite with unit pair arcs and a small total
 * flow (applications × k). SSP routes one unit per Dijkstra, and with good starting potentials
 * (every application at its best expert, every free expert at price 0) almost every Dijkstra
 * stops after the application's own arcs; only contested experts make it search further
 * (the Jonker–Volgenant behaviour). It also supports what the solver needs and network simplex
 * makes awkward: arcs and nodes added after a solve (column generation), warm restarts from a
 * pseudo-flow, and a dual certificate (the potentials) for the optimality check.
 *
 * Costs must be integers (callers scale them) below 2^51 in magnitude so every sum is exact in a
 * double. Arcs may be convex: the first unit costs `first`, the j-th (j ≥ 2) `rest + slope·(j − 2)`
 * with first ≤ rest and slope ≥ 0; the residual costs are recomputed after each augmentation,
 * which keeps reduced costs non-negative because the marginals never decrease.
 * Every augmentation moves one unit (pair arcs have capacity 1 and convex marginals change).
 *
 * Invariant: every residual arc has reduced cost cost + π[from] − π[to] ≥ 0.
 */
export class MinCostFlow {
  nodeCount = 0;
  arcCount = 0; // directed residual arcs; forward arc 2i, its reverse 2i + 1
  dijkstras = 0;
  /** Per node, the directed arcs with residual capacity (kept exact on every change: an expert's
   *  hundreds of spent pair arcs are never scanned). */
  private adj: number[][] = [];
  private pos = new Int32Array(32);
  excess = new Float64Array(16);
  supply = new Float64Array(16);
  pi = new Float64Array(16);
  private to = new Int32Array(32);
  private rcap = new Int32Array(32);
  private cost = new Float64Array(32);
  private first = new Float64Array(16);
  private rest = new Float64Array(16);
  private slope = new Float64Array(16);
  private convex = new Uint8Array(16);
  // Dijkstra scratch, reused across runs (stamps avoid clearing).
  private dist = new Float64Array(16);
  private pred = new Int32Array(16);
  private seen = new Int32Array(16);
  private closed = new Int32Array(16);
  private stamp = 0;
  private settled = new Int32Array(16);
  private heapKey = new Float64Array(64);
  private heapNode = new Int32Array(64);

  addNode(supply = 0): number {
    const v = this.nodeCount++;
    if (v >= this.excess.length) this.growNodes(v * 2);
    this.adj.push([]);
    this.supply[v] = supply;
    this.excess[v] = supply;
    return v;
  }

  /** Adds from → to with capacity cap; unit j costs first for j = 1, rest + slope·(j − 2) after. */
  addArc(from: number, to: number, cap: number, first: number, rest = first, slope = 0): number {
    const a = this.arcCount >> 1;
    if (this.arcCount + 2 > this.to.length) this.growArcs(this.to.length * 2);
    this.first[a] = first;
    this.rest[a] = rest;
    this.slope[a] = slope;
    this.convex[a] = rest !== first || slope !== 0 ? 1 : 0;
    this.to[2 * a] = to;
    this.to[2 * a + 1] = from;
    this.rcap[2 * a] = 0;
    this.rcap[2 * a + 1] = 0;
    this.pos[2 * a] = -1;
    this.pos[2 * a + 1] = -1;
    this.arcCount += 2;
    if (cap > 0) {
      this.inc(2 * a);
      this.rcap[2 * a] = cap;
    }
    this.updateCost(a);
    return a;
  }

  /** Cost of the j-th unit (j ≥ 1) on forward arc a. */
  marginal(a: number, j: number): number {
    return j <= 1 ? this.first[a] : this.rest[a] + this.slope[a] * (j - 2);
  }

  flow(a: number): number {
    return this.rcap[2 * a + 1];
  }

  capacity(a: number): number {
    return this.rcap[2 * a] + this.rcap[2 * a + 1];
  }

  tail(a: number): number {
    return this.to[2 * a + 1];
  }

  headOf(a: number): number {
    return this.to[2 * a];
  }

  /** Reduced cost of the next unit on forward arc a. */
  reducedCost(a: number): number {
    return this.cost[2 * a] + this.pi[this.tail(a)] - this.pi[this.headOf(a)];
  }

  /** Lowest valid potential for a node whose only residual arcs leave it (a fresh source). */
  potentialFromChildren(u: number): number {
    let best = -Infinity;
    for (const i of this.adj[u]) if ((i & 1) === 0) best = Math.max(best, this.pi[this.to[i]] - this.cost[i]);
    return best;
  }

  /** Pushes one unit on forward arc a regardless of cost (used to fix a violated new column). */
  pushUnit(a: number): void {
    this.dec(2 * a);
    this.inc(2 * a + 1);
    if (this.convex[a]) this.updateCost(a);
    this.excess[this.tail(a)]--;
    this.excess[this.headOf(a)]++;
  }

  /** Routes every excess to a deficit along shortest paths; false if some excess cannot be routed. */
  run(): boolean {
    for (let v = 0; v < this.nodeCount; v++) {
      while (this.excess[v] > 0) if (!this.augmentFrom(v)) return false;
    }
    return true;
  }

  /** run(), one augmentation at a time (a caller that must give the event loop back steps through it). */
  *steps(): Generator<void, boolean> {
    for (let v = 0; v < this.nodeCount; v++) {
      while (this.excess[v] > 0) {
        if (!this.augmentFrom(v)) return false;
        yield;
      }
    }
    return true;
  }

  /** Σ cost over the flow (scaled units). */
  primalCost(): number {
    let total = 0;
    for (let a = 0; a < this.arcCount >> 1; a++) {
      const f = this.flow(a);
      if (f === 0) continue;
      total += this.convex[a] ? this.sumMarginals(a, 1, f) : f * this.first[a];
    }
    return total;
  }

  /**
   * The LP dual value of the potentials (y = −π, z_a = max(0, −reduced cost) per unit arc):
   * a lower bound on every flow's cost, equal to the primal cost exactly when the flow is optimal.
   */
  dualBound(): number {
    let total = 0;
    for (let v = 0; v < this.nodeCount; v++) total -= this.supply[v] * this.pi[v];
    for (let a = 0; a < this.arcCount >> 1; a++) {
      const shift = this.pi[this.tail(a)] - this.pi[this.headOf(a)];
      const cap = this.capacity(a);
      if (!this.convex[a]) {
        total -= cap * Math.max(0, -(this.first[a] + shift));
        continue;
      }
      for (let j = 1; j <= cap; j++) total -= Math.max(0, -(this.marginal(a, j) + shift));
    }
    return total;
  }

  /** True when every residual arc has a non-negative reduced cost (the optimality certificate). */
  reducedCostsNonNegative(): boolean {
    for (let u = 0; u < this.nodeCount; u++) {
      for (const i of this.adj[u]) if (this.cost[i] + this.pi[u] - this.pi[this.to[i]] < 0) return false;
    }
    return true;
  }

  private sumMarginals(a: number, from: number, to: number): number {
    let s = 0;
    for (let j = from; j <= to; j++) s += this.marginal(a, j);
    return s;
  }

  private updateCost(a: number): void {
    const f = this.rcap[2 * a + 1];
    this.cost[2 * a] = this.marginal(a, f + 1);
    this.cost[2 * a + 1] = f > 0 ? -this.marginal(a, f) : -this.first[a];
  }

  /** One Dijkstra from s to the nearest deficit node, potential update, one unit augmented. */
  private augmentFrom(s: number): boolean {
    this.dijkstras++;
    const stamp = ++this.stamp;
    const { dist, pred, seen, closed, pi, adj, to, cost, excess } = this;
    let heapSize = 0;
    let settledCount = 0;
    let target = -1;
    let bound = 0;
    dist[s] = 0;
    seen[s] = stamp;
    pred[s] = -1;
    heapSize = this.heapPush(heapSize, 0, s);
    search: while (heapSize > 0) {
      const d = this.heapKey[0];
      const u = this.heapNode[0];
      heapSize = this.heapPop(heapSize);
      if (closed[u] === stamp || d > dist[u]) continue;
      if (excess[u] < 0 && u !== s) {
        target = u;
        bound = d;
        break;
      }
      closed[u] = stamp;
      if (settledCount >= this.settled.length) this.settled = grow(this.settled, settledCount * 2);
      this.settled[settledCount++] = u;
      const pu = pi[u] + d;
      const arcs = adj[u];
      for (let j = 0; j < arcs.length; j++) {
        const i = arcs[j];
        const v = to[i];
        if (closed[v] === stamp) continue;
        const nd = pu + cost[i] - pi[v];
        if (seen[v] !== stamp || nd < dist[v]) {
          seen[v] = stamp;
          dist[v] = nd;
          pred[v] = i;
          // Reduced costs are ≥ 0, so a deficit reached at the current distance is final.
          if (excess[v] < 0 && nd <= d) {
            target = v;
            bound = nd;
            break search;
          }
          heapSize = this.heapPush(heapSize, nd, v);
        }
      }
    }
    if (target < 0) return false;
    for (let j = 0; j < settledCount; j++) {
      const u = this.settled[j];
      pi[u] += dist[u] - bound;
    }
    for (let v = target; v !== s; ) {
      const i = pred[v];
      this.dec(i);
      this.inc(i ^ 1);
      if (this.convex[i >> 1]) this.updateCost(i >> 1);
      v = to[i ^ 1];
    }
    excess[s]--;
    excess[target]++;
    return true;
  }

  private inc(i: number): void {
    if (this.rcap[i]++ === 0) {
      const list = this.adj[this.to[i ^ 1]];
      this.pos[i] = list.length;
      list.push(i);
    }
  }

  private dec(i: number): void {
    if (--this.rcap[i] === 0) {
      const list = this.adj[this.to[i ^ 1]];
      const last = list.pop()!;
      if (last !== i) {
        list[this.pos[i]] = last;
        this.pos[last] = this.pos[i];
      }
      this.pos[i] = -1;
    }
  }

  private heapPush(size: number, key: number, node: number): number {
    if (size >= this.heapKey.length) {
      this.heapKey = growF(this.heapKey, size * 2);
      this.heapNode = grow(this.heapNode, size * 2);
    }
    const keys = this.heapKey;
    const nodes = this.heapNode;
    let i = size;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      nodes[i] = nodes[p];
      i = p;
    }
    keys[i] = key;
    nodes[i] = node;
    return size + 1;
  }

  private heapPop(size: number): number {
    const keys = this.heapKey;
    const nodes = this.heapNode;
    const last = size - 1;
    const key = keys[last];
    const node = nodes[last];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      keys[i] = keys[c];
      nodes[i] = nodes[c];
      i = c;
    }
    keys[i] = key;
    nodes[i] = node;
    return last;
  }

  private growNodes(size: number): void {
    this.excess = growF(this.excess, size);
    this.supply = growF(this.supply, size);
    this.pi = growF(this.pi, size);
    this.dist = growF(this.dist, size);
    this.pred = grow(this.pred, size);
    this.seen = grow(this.seen, size);
    this.closed = grow(this.closed, size);
  }

  private growArcs(size: number): void {
    this.to = grow(this.to, size);
    this.pos = grow(this.pos, size);
    this.rcap = grow(this.rcap, size);
    this.cost = growF(this.cost, size);
    this.first = growF(this.first, size >> 1);
    this.rest = growF(this.rest, size >> 1);
    this.slope = growF(this.slope, size >> 1);
    this.convex = growU8(this.convex, size >> 1);
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
function growF(a: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}
