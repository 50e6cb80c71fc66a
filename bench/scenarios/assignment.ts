import { pathToFileURL } from 'node:url';
import {
  greedyAssignment,
  scoreAssignment,
  solveAssignmentDetailed,
  type AssignmentInstance,
} from '../../src/domain/assignment/index.js';
import { seededRandom } from '../../src/domain/seeded-random.js';

/**
 * Issue 11 "Speed": the exact panel assignment beside the greedy, in the same run, on seeded
 * instances shaped like a real pool: 20 industries, each expert covering 1–3; each application
 * has an affinity with 30–80 experts of its industry; ~1% of pairs conflicted; capacities summing
 * to ~1.3× demand; a small load penalty. Targets: 2,000 × 600 × 5 under 2 s at the LP optimum,
 * 10,000 × 3,000 × 5 under 20 s.
 *
 * The LP check: a min-cost flow LP has integral optimal solutions, so the solver's integral
 * optimum is the LP optimum; the run proves it numerically by the dual value of the final
 * potentials (a lower bound on every fractional flow) equalling the flow's cost.
 */


export function randomInstance(apps: number, experts: number, k: number, seed: number): AssignmentInstance {
  const rand = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const industries = 20;
  const covering: Array<Set<number>> = Array.from({ length: industries }, () => new Set());
  const meanCapacity = (1.3 * apps * k) / experts;
  const expertList = Array.from({ length: experts }, (_, e) => {
    const count = int(1, 3);
    for (let i = 0; i < count; i++) covering[int(0, industries - 1)].add(e);
    return { id: `E${e + 1}`, capacity: Math.max(1, Math.round(meanCapacity * (0.5 + rand()))), unit: `U${int(1, Math.ceil(experts / 4))}` };
  });
  const affinity: Array<[string, string, number]> = [];
  const conflicts: Array<[string, string]> = [];
  const applications = Array.from({ length: apps }, (_, a) => {
    const pool = [...covering[int(0, industries - 1)]];
    const chosen = new Set<number>();
    const want = Math.min(pool.length, int(30, 80));
    while (chosen.size < want) chosen.add(pool[int(0, pool.length - 1)]);
    for (const e of chosen) affinity.push([`A${a + 1}`, `E${e + 1}`, Math.round((0.3 + 0.7 * rand()) * 1000) / 1000]);
    const conflicted = new Set<number>();
    const wantConflicts = Math.round(experts * 0.01);
    while (conflicted.size < wantConflicts) conflicted.add(int(0, experts - 1));
    for (const e of conflicted) conflicts.push([`A${a + 1}`, `E${e + 1}`]);
    return { id: `A${a + 1}` };
  });
  return { k, loadPenalty: 0.002, experts: expertList, applications, affinity, conflicts };
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: Math.round(performance.now() - t0) };
}

async function measure(apps: number, experts: number, k: number, seed: number, verify: boolean) {
  const instance = randomInstance(apps, experts, k, seed);
  const exact = timed(() => solveAssignmentDetailed(instance, { verify }));
  const greedy = timed(() => greedyAssignment(instance));
  const exactScore = scoreAssignment(instance, exact.value.result.assignments);
  const greedyScore = scoreAssignment(instance, greedy.value.assignments);
  const { stats } = exact.value;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    size: `${apps}x${experts}x${k}`,
    pairsWithAffinity: instance.affinity.length,
    exactMs: exact.ms,
    greedyMs: greedy.ms,
    exactObjective: round(exact.value.result.objective),
    greedyObjective: round(greedy.value.objective),
    greedyGapPercent: round((100 * (exactScore.objective - greedyScore.objective)) / Math.abs(exactScore.objective)),
    exactSeats: exactScore.seats,
    greedySeats: greedyScore.seats,
    rounds: stats.rounds,
    columns: stats.columns,
    dijkstras: stats.dijkstras,
    ...(verify
      ? {
          lpGapPercent: ((stats.primal! - stats.dual!) / Math.abs(stats.primal!)) * 100,
          reducedCostCertificate: stats.certificate,
        }
      : {}),
  };
}

export async function benchAssignment(): Promise<object> {
  const small = await measure(2000, 600, 5, 11, true);
  const large = await measure(10000, 3000, 5, 12, false);
  console.log('assignment        exact ms  greedy ms  exact obj    greedy obj   gap %   seats (exact/greedy)');
  for (const r of [small, large]) {
    console.log(
      `${r.size.padEnd(17)} ${String(r.exactMs).padStart(8)}  ${String(r.greedyMs).padStart(9)}  ${String(r.exactObjective).padStart(11)}  ${String(r.greedyObjective).padStart(11)}  ${String(r.greedyGapPercent).padStart(6)}  ${r.exactSeats}/${r.greedySeats}`,
    );
  }
  if ('lpGapPercent' in small) console.log(`2000x600: LP dual gap ${small.lpGapPercent}% (0 = at the LP optimum), certificate ${small.reducedCostCertificate}`);
  return { small, large };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchAssignment().then((r) => console.log(JSON.stringify(r, null, 2)));
}
