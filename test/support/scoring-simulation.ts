import type { CalibrationScore } from '../../src/domain/scoring/index.js';
import { seededRandom } from '../../src/domain/seeded-random.js';

/**
 * Simulated material-review scores, clustered by industry as real panels are: applications and
 * experts belong to industry clusters, an application's experts come mostly from its own cluster
 * with a few cross-links, and leniency has a cluster part (a whole industry's experts may be
 * generous) and a personal part. Seeded, so tests and the bench see the same data every run.
 * Used by test/unit/scoring-calibration.test.ts and bench/scenarios/calibration.ts.
 */

export interface SimulationOptions {
  seed: number;
  applications: number;
  experts: number;
  perApplication: number;
  clusters: number;
  /** Chance that one of an application's experts is drawn from the whole pool instead of its cluster. */
  crossLinkRate: number;
  qualitySd?: number;
  clusterLeniencySd?: number;
  personalLeniencySd?: number;
  noiseSd?: number;
}

export interface Simulation {
  scores: CalibrationScore[];
  /** True application quality (what an average expert would give without noise). */
  quality: Map<string, number>;
  /** Planted expert offsets. */
  offset: Map<string, number>;
}

/** The project's seeded generator, under the name these tests use. */
export const prng = seededRandom;

/** Standard normal by Box–Muller. */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function simulateClusteredScores(o: SimulationOptions): Simulation {
  const random = prng(o.seed);
  const { qualitySd = 60, clusterLeniencySd = 30, personalLeniencySd = 30, noiseSd = 25 } = o;
  const clusterLeniency = Array.from({ length: o.clusters }, () => clusterLeniencySd * normal(random));
  const expertIds = Array.from({ length: o.experts }, (_, j) => `E${j + 1}`);
  const byCluster: string[][] = Array.from({ length: o.clusters }, () => []);
  const offset = new Map<string, number>();
  expertIds.forEach((id, j) => {
    const cluster = j % o.clusters;
    byCluster[cluster].push(id);
    offset.set(id, clusterLeniency[cluster] + personalLeniencySd * normal(random));
  });
  if (byCluster.some((c) => c.length < o.perApplication)) throw new Error('each cluster needs at least perApplication experts');

  const pick = (pool: string[]) => pool[Math.floor(random() * pool.length)];
  const quality = new Map<string, number>();
  const scores: CalibrationScore[] = [];
  for (let i = 0; i < o.applications; i++) {
    const id = `A${i + 1}`;
    const q = 600 + qualitySd * normal(random);
    quality.set(id, q);
    const panel = new Set<string>();
    while (panel.size < o.perApplication) {
      panel.add(random() < o.crossLinkRate ? pick(expertIds) : pick(byCluster[i % o.clusters]));
    }
    for (const expert of panel) scores.push({ application: id, expert, score: q + offset.get(expert)! + noiseSd * normal(random) });
  }
  return { scores, quality, offset };
}

/** Spearman rank correlation (average ranks for ties). */
export function spearman(x: number[], y: number[]): number {
  return pearson(ranks(x), ranks(y));
}

export function pearson(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const result = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) result[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return result;
}
