import type { Row } from '../lib/report.js';
import { benchAssignment } from './assignment.js';
import { benchCalibration } from './calibration.js';
import { benchConflicts } from './conflicts.js';

/**
 * The technical review's computations (issue 11 "Speed"), each beside its baseline in the same
 * run: conflict detection beside the nested loop, the exact assignment beside the greedy, the
 * calibration alone. Wall time is noisy on a shared machine, so CPU time is reported too.
 */
async function cpuTimed<T>(work: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(before);
  return { value, cpuMs: Math.round((used.user + used.system) / 1000) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export async function benchTechnical(): Promise<{ rows: Row[]; results: Json }> {
  const conflicts = await cpuTimed(() => benchConflicts() as Promise<Json>);
  const assignment = await cpuTimed(() => benchAssignment() as Promise<Json>);
  const calibration = await cpuTimed(() => benchCalibration() as unknown as Promise<Json>);
  const c = conflicts.value;
  const { small, large } = assignment.value;
  const cal = calibration.value;
  const status = (ok: boolean): Row['status'] => (ok ? 'met' : 'NOT met');
  const rows: Row[] = [
    { scenario: 'conflicts 6,000 × 3,000', measured: `${c.linyiRules.medianMs} ms (nested loop extrapolated: ${c.naiveSmall.naiveExtrapolatedFullMs} ms)`, goal: '< 2 s', status: status(c.linyiRules.medianMs < 2000) },
    { scenario: 'assignment 2,000 × 600 × 5', measured: `${small.exactMs} ms exact (greedy ${small.greedyMs} ms, ${small.greedyGapPercent}% worse); LP gap ${small.lpGapPercent}%`, goal: '< 2 s at the LP optimum', status: status(small.exactMs < 2000 && Math.abs(small.lpGapPercent) < 0.01) },
    { scenario: 'assignment 10,000 × 3,000 × 5', measured: `${large.exactMs} ms exact (greedy ${large.greedyMs} ms, ${large.greedyGapPercent}% worse)`, goal: '< 20 s', status: status(large.exactMs < 20000) },
    { scenario: 'calibration 10,000 scores', measured: `${cal.medianMs} ms median; rank correlation ${cal.spearmanRaw} raw → ${cal.spearmanCalibrated} calibrated`, goal: '< 100 ms', status: status(cal.medianMs < 100) },
  ];
  return { rows, results: { conflicts: { ...c, cpuMs: conflicts.cpuMs }, assignment: { small, large, cpuMs: assignment.cpuMs }, calibration: { ...cal, cpuMs: calibration.cpuMs } } };
}
