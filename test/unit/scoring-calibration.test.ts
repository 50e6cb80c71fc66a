import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrate, type CalibrationScore } from '../../src/domain/scoring/index.js';
import { pearson, simulateClusteredScores, spearman } from '../support/scoring-simulation.js';

function okResult(scores: CalibrationScore[], shrinkage?: number) {
  const result = calibrate(scores, { shrinkage });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('calibration on simulated industry-clustered panels', () => {
  // 8 industries, 240 applications, 64 experts (8 per industry), 5 experts each, 5% drawn across industries.
  const sim = simulateClusteredScores({ seed: 20261201, applications: 240, experts: 64, perApplication: 5, clusters: 8, crossLinkRate: 0.05 });
  const result = okResult(sim.scores);

  it('ranks applications closer to their true quality than the raw mean does', () => {
    const truth = result.applications.map((a) => sim.quality.get(a.id)!);
    const raw = spearman(result.applications.map((a) => a.raw), truth);
    const calibrated = spearman(result.applications.map((a) => a.calibrated), truth);
    expect(raw).toBeLessThan(0.93); // the leniency really distorts the raw ranking
    expect(calibrated).toBeGreaterThan(raw + 0.04);
    expect(calibrated).toBeGreaterThan(0.94);
  });

  const offsetError = (offsets: { id: string; offset: number }[]) => {
    const planted = offsets.map((e) => sim.offset.get(e.id)!);
    const shift = planted.reduce((s, v) => s + v, 0) / planted.length;
    const rms = (deltas: number[]) => Math.sqrt(deltas.reduce((s, d) => s + d * d, 0) / deltas.length);
    return {
      rmse: rms(offsets.map((e, i) => e.offset - (planted[i] - shift))),
      plantedSd: rms(planted.map((v) => v - shift)),
      correlation: pearson(offsets.map((e) => e.offset), planted),
    };
  };

  it('recovers the planted expert offsets (up to the common shift the ridge removes)', () => {
    // λ = 0.5 suits this noise (σ_ε² / σ_b² ≈ 0.35): the offsets come back within a fifth of their spread.
    const tuned = offsetError(okResult(sim.scores, 0.5).experts);
    expect(tuned.correlation).toBeGreaterThan(0.97);
    expect(tuned.rmse).toBeLessThan(0.25 * tuned.plantedSd);
    // The default λ = 2 shrinks more, and still beats each expert's plain deviation from the raw means,
    // which cannot see a whole industry's leniency.
    const naive = result.experts.map((e) => {
      const own = sim.scores.filter((s) => s.expert === e.id);
      const rawOf = (a: string) => result.applications.find((x) => x.id === a)!.raw;
      return { id: e.id, offset: own.reduce((s, x) => s + x.score - rawOf(x.application), 0) / own.length };
    });
    const byDefault = offsetError(result.experts);
    expect(byDefault.correlation).toBeGreaterThan(0.93);
    expect(byDefault.rmse).toBeLessThan(0.7 * offsetError(naive).rmse);
  });

  it('reports the plain mean and the count beside the calibrated score', () => {
    const a1 = sim.scores.filter((s) => s.application === 'A1');
    const row = result.applications.find((a) => a.id === 'A1')!;
    expect(row.count).toBe(a1.length);
    expect(row.raw).toBeCloseTo(a1.reduce((s, x) => s + x.score, 0) / a1.length, 9);
    expect(result.experts.reduce((s, e) => s + e.count, 0)).toBe(sim.scores.length);
  });
});

describe('calibration arithmetic', () => {
  // Connected random data: every application is scored by expert X0, plus a few others.
  const connectedScores = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 300, max: 900 })), { minLength: 1, maxLength: 40 })
    .map((rows) => {
      const apps = [...new Set(rows.map(([a]) => a))];
      const bridge = apps.map((a, i) => ({ application: `A${a}`, expert: 'X0', score: 500 + 10 * i }));
      return [...bridge, ...rows.map(([a, e, s]) => ({ application: `A${a}`, expert: `E${e}`, score: s }))];
    });

  it('is the minimiser: residuals sum to 0 per application and to λ·b per expert', () => {
    fc.assert(
      fc.property(connectedScores, fc.double({ min: 0.1, max: 20, noNaN: true }), (scores, shrinkage) => {
        const r = okResult(scores, shrinkage);
        const mu = new Map(r.applications.map((a) => [a.id, a.calibrated]));
        const b = new Map(r.experts.map((e) => [e.id, e.offset]));
        const perApp = new Map<string, number>();
        const perExpert = new Map<string, number>();
        for (const s of scores) {
          const residual = s.score - mu.get(s.application)! - b.get(s.expert)!;
          perApp.set(s.application, (perApp.get(s.application) ?? 0) + residual);
          perExpert.set(s.expert, (perExpert.get(s.expert) ?? 0) + residual);
        }
        for (const v of perApp.values()) expect(Math.abs(v)).toBeLessThan(1e-6);
        for (const [e, v] of perExpert) expect(Math.abs(v - shrinkage * b.get(e)!)).toBeLessThan(1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the scores', () => {
    fc.assert(
      fc.property(connectedScores, fc.integer(), (scores, seed) => {
        const shuffled = [...scores].sort((x, y) => ((x.score * 31 + seed) % 17) - ((y.score * 31 + seed) % 17));
        const a = okResult(scores);
        const b = okResult(shuffled);
        expect(b.applications.map((x) => x.id)).toEqual(a.applications.map((x) => x.id));
        b.applications.forEach((x, i) => expect(x.calibrated).toBeCloseTo(a.applications[i].calibrated, 6));
      }),
      { numRuns: 100 },
    );
  });

  it('recovers noise-free additive data almost exactly when the shrinkage is tiny', () => {
    const quality: Record<string, number> = { A1: 700, A2: 550, A3: 610 };
    const offset: Record<string, number> = { E1: 20, E2: -20, E3: 0 };
    const scores = Object.keys(quality).flatMap((a) => Object.keys(offset).map((e) => ({ application: a, expert: e, score: quality[a] + offset[e] })));
    const r = okResult(scores, 1e-6);
    for (const a of r.applications) expect(a.calibrated).toBeCloseTo(quality[a.id], 4);
    for (const e of r.experts) expect(e.offset).toBeCloseTo(offset[e.id], 4);
  });

  it('shrinks an expert with few scores toward 0, more so with a larger shrinkage', () => {
    // E9 scored once, 60 above the panel; E1..E3 scored everything.
    const base = ['A1', 'A2', 'A3'].flatMap((a, i) => ['E1', 'E2', 'E3'].map((e) => ({ application: a, expert: e, score: 600 + 10 * i })));
    const scores = [...base, { application: 'A2', expert: 'E9', score: 670 }];
    const offsetOf = (shrinkage: number) => okResult(scores, shrinkage).experts.find((e) => e.id === 'E9')!.offset;
    expect(offsetOf(0.01)).toBeGreaterThan(40);
    expect(offsetOf(2)).toBeLessThan(offsetOf(0.5));
    expect(offsetOf(2)).toBeGreaterThan(0);
    expect(offsetOf(100)).toBeLessThan(2);
  });

  it('sorts applications and experts by id, numbers in ids in numeric order', () => {
    const r = okResult([
      { application: 'A10', expert: 'E2', score: 1 },
      { application: 'A2', expert: 'E10', score: 2 },
      { application: 'A2', expert: 'E2', score: 3 },
    ]);
    expect(r.applications.map((a) => a.id)).toEqual(['A2', 'A10']);
    expect(r.experts.map((e) => e.id)).toEqual(['E2', 'E10']);
  });

  it('takes 10,000 clustered scores without hitting the iteration cap', () => {
    const big = simulateClusteredScores({ seed: 7, applications: 2000, experts: 600, perApplication: 5, clusters: 20, crossLinkRate: 0.05 });
    const r = okResult(big.scores);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.iterations).toBeLessThan(10 * 600);
  });

  it('refuses a shrinkage that is not positive', () => {
    expect(() => calibrate([{ application: 'A', expert: 'E', score: 1 }], { shrinkage: 0 })).toThrow(RangeError);
  });
});

describe('calibration refuses a disconnected expert–application graph', () => {
  it('names each group and says why', () => {
    const result = calibrate([
      { application: 'A1', expert: 'E1', score: 600 },
      { application: 'A2', expert: 'E1', score: 620 },
      { application: 'A2', expert: 'E2', score: 640 },
      { application: 'B1', expert: 'F1', score: 500 },
      { application: 'C1', expert: 'G1', score: 500 },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.components).toEqual([['A1', 'A2'], ['B1'], ['C1']]);
    expect(result.componentExperts).toEqual([['E1', 'E2'], ['F1'], ['G1']]);
    expect(result.reason).toContain('3 个互不相连的组');
    expect(result.reason).toContain('申报 A1、A2，专家 E1、E2');
  });

  it('accepts the same data once one expert bridges the groups', () => {
    const result = calibrate([
      { application: 'A1', expert: 'E1', score: 600 },
      { application: 'B1', expert: 'F1', score: 500 },
      { application: 'B1', expert: 'E1', score: 560 },
    ]);
    expect(result.ok).toBe(true);
  });
});
