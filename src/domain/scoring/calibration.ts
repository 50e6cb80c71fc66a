/**
 * Calibration of expert leniency (SPEC §5): an additive model
 *
 *     score(a, e) = μ_a + b_e + ε
 *
 * fitted by least squares with a ridge on the expert offsets,
 *
 *     minimise  Σ (score − μ_a − b_e)²  +  λ Σ b_e²,
 *
 * so μ_a is the score application a would get from an average expert and b_e how lenient
 * expert e is. λ (the shrinkage) is in units of scores: an expert's offset is estimated as if
 * they had also given λ scores exactly on the mark, so an expert with few scores is pulled
 * toward 0. The ridge also makes the model identifiable (otherwise a constant could move
 * between all μ and all b). Comparing applications scored by disjoint sets of experts is
 * meaningless, so a disconnected expert–application graph is refused.
 *
 * Solved exactly: μ is eliminated (μ_a = mean over a of score − b_e), leaving a symmetric
 * positive definite system in b alone — diag(n_e + λ) − Σ_a u_a u_aᵀ / n_a, one row per
 * expert — solved by conjugate gradients with a Jacobi preconditioner. Each step costs one
 * pass over the scores, and the ridge bounds the condition number, so 10,000 scores take
 * a few milliseconds.
 */

import { naturalCompare } from './natural-order.js';

export interface CalibrationScore {
  application: string;
  expert: string;
  score: number;
}

export interface CalibrationOptions {
  /** λ > 0, in units of scores; default 2. */
  shrinkage?: number;
  /** Relative residual at which the solve stops; default 1e-12. */
  tolerance?: number;
}

export interface CalibratedApplication {
  id: string;
  /** Plain mean of its scores. */
  raw: number;
  /** μ_a: the score from an average expert. */
  calibrated: number;
  count: number;
}

export interface ExpertOffset {
  id: string;
  /** b_e: how many points above an average expert this expert scores. */
  offset: number;
  count: number;
}

export type CalibrationResult =
  | { ok: true; applications: CalibratedApplication[]; experts: ExpertOffset[]; iterations: number }
  | {
      ok: false;
      reason: string;
      /** The application ids of each connected group, largest group first. */
      components: string[][];
      /** The expert ids of each group, in the same order as `components`. */
      componentExperts: string[][];
    };

export const DEFAULT_SHRINKAGE = 2;

const byId = (a: { id: string }, b: { id: string }) => naturalCompare(a.id, b.id);

/** Dense indices for ids, in order of first appearance. */
function indexer() {
  const index = new Map<string, number>();
  const ids: string[] = [];
  return {
    ids,
    of(id: string): number {
      let i = index.get(id);
      if (i === undefined) {
        i = ids.length;
        index.set(id, i);
        ids.push(id);
      }
      return i;
    },
  };
}

export function calibrate(scores: readonly CalibrationScore[], options: CalibrationOptions = {}): CalibrationResult {
  const lambda = options.shrinkage ?? DEFAULT_SHRINKAGE;
  if (!(Number.isFinite(lambda) && lambda > 0)) throw new RangeError(`shrinkage must be a positive number, got ${lambda}`);
  const tolerance = options.tolerance ?? 1e-12;

  const apps = indexer();
  const experts = indexer();
  const n = scores.length;
  const obsApp = new Int32Array(n);
  const obsExpert = new Int32Array(n);
  const obsScore = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const s = scores[k];
    if (!Number.isFinite(s.score)) throw new RangeError(`score ${k} is not a finite number`);
    obsApp[k] = apps.of(s.application);
    obsExpert[k] = experts.of(s.expert);
    obsScore[k] = s.score;
  }
  const nA = apps.ids.length;
  const nE = experts.ids.length;

  const refusal = disconnected(apps.ids, experts.ids, obsApp, obsExpert);
  if (refusal) return refusal;

  // Per application: count, sum, and its scores grouped (CSR) for the matrix-vector product.
  const appCount = new Float64Array(nA);
  const appSum = new Float64Array(nA);
  const expertCount = new Float64Array(nE);
  for (let k = 0; k < n; k++) {
    appCount[obsApp[k]] += 1;
    appSum[obsApp[k]] += obsScore[k];
    expertCount[obsExpert[k]] += 1;
  }
  const start = new Int32Array(nA + 1);
  for (let a = 0; a < nA; a++) start[a + 1] = start[a] + appCount[a];
  const fill = start.slice(0, nA);
  const grouped = new Int32Array(n); // expert index of each score, grouped by application
  for (let k = 0; k < n; k++) grouped[fill[obsApp[k]]++] = obsExpert[k];

  const raw = new Float64Array(nA);
  for (let a = 0; a < nA; a++) raw[a] = appSum[a] / appCount[a];

  // Right-hand side: each expert's summed deviation from the plain means; the diagonal for the preconditioner.
  const rhs = new Float64Array(nE);
  const diagonal = new Float64Array(nE);
  for (let e = 0; e < nE; e++) diagonal[e] = expertCount[e] + lambda;
  for (let k = 0; k < n; k++) {
    const e = obsExpert[k];
    rhs[e] += obsScore[k] - raw[obsApp[k]];
    diagonal[e] -= 1 / appCount[obsApp[k]];
  }

  const multiply = (x: Float64Array, out: Float64Array) => {
    for (let e = 0; e < nE; e++) out[e] = (expertCount[e] + lambda) * x[e];
    for (let a = 0; a < nA; a++) {
      const from = start[a];
      const to = start[a + 1];
      let sum = 0;
      for (let j = from; j < to; j++) sum += x[grouped[j]];
      const share = sum / appCount[a];
      for (let j = from; j < to; j++) out[grouped[j]] -= share;
    }
  };

  const { solution: offset, iterations } = conjugateGradient(multiply, rhs, diagonal, tolerance, 10 * nE + 100);

  // μ_a = mean over a's scores of (score − b_e).
  const calibrated = new Float64Array(nA);
  for (let a = 0; a < nA; a++) {
    let sum = appSum[a];
    for (let j = start[a]; j < start[a + 1]; j++) sum -= offset[grouped[j]];
    calibrated[a] = sum / appCount[a];
  }

  return {
    ok: true,
    applications: apps.ids.map((id, a) => ({ id, raw: raw[a], calibrated: calibrated[a], count: appCount[a] })).sort(byId),
    experts: experts.ids.map((id, e) => ({ id, offset: offset[e], count: expertCount[e] })).sort(byId),
    iterations,
  };
}

/** Preconditioned conjugate gradients for a symmetric positive definite operator. */
function conjugateGradient(
  multiply: (x: Float64Array, out: Float64Array) => void,
  b: Float64Array,
  diagonal: Float64Array,
  tolerance: number,
  maxIterations: number,
): { solution: Float64Array; iterations: number } {
  const size = b.length;
  const x = new Float64Array(size);
  const r = Float64Array.from(b);
  const z = new Float64Array(size);
  const p = new Float64Array(size);
  const q = new Float64Array(size);
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, t) => s + t * t, 0));
  const bound = tolerance * norm(b);
  if (bound === 0) return { solution: x, iterations: 0 };
  let rz = 0;
  for (let i = 0; i < size; i++) {
    z[i] = r[i] / diagonal[i];
    p[i] = z[i];
    rz += r[i] * z[i];
  }
  let iteration = 0;
  while (iteration < maxIterations && norm(r) > bound) {
    iteration++;
    multiply(p, q);
    let pq = 0;
    for (let i = 0; i < size; i++) pq += p[i] * q[i];
    const alpha = rz / pq;
    let next = 0;
    for (let i = 0; i < size; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * q[i];
      z[i] = r[i] / diagonal[i];
      next += r[i] * z[i];
    }
    const beta = next / rz;
    rz = next;
    for (let i = 0; i < size; i++) p[i] = z[i] + beta * p[i];
  }
  return { solution: x, iterations: iteration };
}

/** Union-find over applications and experts; a refusal naming the groups when there is more than one. */
function disconnected(appIds: string[], expertIds: string[], obsApp: Int32Array, obsExpert: Int32Array): Extract<CalibrationResult, { ok: false }> | null {
  const nA = appIds.length;
  const parent = new Int32Array(nA + expertIds.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]]; // path halving
      i = parent[i];
    }
    return i;
  };
  let groups = parent.length;
  for (let k = 0; k < obsApp.length; k++) {
    const x = find(obsApp[k]);
    const y = find(nA + obsExpert[k]);
    if (x !== y) {
      parent[x] = y;
      groups--;
    }
  }
  if (groups <= 1) return null;

  const byRoot = new Map<number, { applications: string[]; experts: string[] }>();
  const groupOf = (root: number) => {
    let g = byRoot.get(root);
    if (!g) byRoot.set(root, (g = { applications: [], experts: [] }));
    return g;
  };
  appIds.forEach((id, a) => groupOf(find(a)).applications.push(id));
  expertIds.forEach((id, e) => groupOf(find(nA + e)).experts.push(id));
  const sorted = [...byRoot.values()]
    .map((g) => ({ applications: g.applications.sort(naturalCompare), experts: g.experts.sort(naturalCompare) }))
    .sort((x, y) => y.applications.length - x.applications.length || naturalCompare(x.applications[0], y.applications[0]));
  const few = (ids: string[]) => (ids.length > 5 ? `${ids.slice(0, 5).join('、')} 等 ${ids.length} 个` : ids.join('、'));
  const described = sorted.map((g, i) => `第 ${i + 1} 组：申报 ${few(g.applications)}，专家 ${few(g.experts)}`).join('；');
  return {
    ok: false,
    reason: `专家与申报之间的评分关系分成 ${sorted.length} 个互不相连的组，各组专家的宽严无法相互比较，不能校准。${described}。请让各组之间至少有一位共同的评审专家。`,
    components: sorted.map((g) => g.applications),
    componentExperts: sorted.map((g) => g.experts),
  };
}
