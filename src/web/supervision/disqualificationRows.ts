import type { ExpertDisqualification } from '../../contract/supervision';
import { TECHNICAL_STAGE_LABELS, type TechnicalStage } from '../../contract/technical-report';

type Snapshot = ExpertDisqualification['before'][number];

/** One application at one stage, before and after the expert's scores were set aside. */
export interface ComparisonRow {
  key: string;
  stage: string;
  stageLabel: string;
  applicationId: string;
  name: string;
  kind: string;
  beforeScore: number | null;
  afterScore: number | null;
  beforeRank: number | null;
  afterRank: number | null;
  beforeCounted: number | null;
  afterCounted: number | null;
  changed: boolean;
  /** up = a better (smaller) rank after, down = a worse one; null when the rank did not move. */
  move: 'up' | 'down' | null;
}

export const stageLabel = (stage: string) => (stage === 'composite' ? '综合评分' : (TECHNICAL_STAGE_LABELS[stage as TechnicalStage] ?? stage));

/** The two snapshots side by side, in the order of the stages as recorded, then kind, then the rank after. */
export function comparisonRows(d: Pick<ExpertDisqualification, 'before' | 'after'>): ComparisonRow[] {
  const key = (r: Snapshot) => `${r.stage}:${r.applicationId}`;
  const before = new Map(d.before.map((r) => [key(r), r]));
  const after = new Map(d.after.map((r) => [key(r), r]));
  const stages = [...new Set([...d.before, ...d.after].map((r) => r.stage))].sort((a, b) => Number(a === 'composite') - Number(b === 'composite'));
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const rows = keys.map((k): ComparisonRow => {
    const b = before.get(k) ?? null;
    const a = after.get(k) ?? null;
    const any = (a ?? b)!;
    const rankMoved = b?.rank !== a?.rank;
    return {
      key: k,
      stage: any.stage,
      stageLabel: stageLabel(any.stage),
      applicationId: any.applicationId,
      name: any.name,
      kind: any.kind,
      beforeScore: b?.score ?? null,
      afterScore: a?.score ?? null,
      beforeRank: b?.rank ?? null,
      afterRank: a?.rank ?? null,
      beforeCounted: b?.counted ?? null,
      afterCounted: a?.counted ?? null,
      changed: !a || !b || a.score !== b.score || rankMoved || a.counted !== b.counted,
      move: !rankMoved || a?.rank == null || b?.rank == null ? null : a.rank < b.rank ? 'up' : 'down',
    };
  });
  return rows.sort((x, y) => stages.indexOf(x.stage) - stages.indexOf(y.stage) || x.kind.localeCompare(y.kind) || (x.afterRank ?? 1e9) - (y.afterRank ?? 1e9) || x.name.localeCompare(y.name, 'zh-CN'));
}
