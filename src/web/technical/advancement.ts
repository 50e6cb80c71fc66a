import type { DecisionRequest } from '../../contract/actions';
import type { StageResults } from '../../contract/technical-scoring';
import type { ApplicationState } from '../../domain/lifecycle/states';

type Row = StageResults['sections'][number]['rows'][number];

/** The rows the agency decides on: ranked ones still at the stage (the server's proposal says advance or not). */
export function decidableRows(results: StageResults | undefined): Row[] {
  return (results?.sections ?? []).flatMap((s) => s.rows.filter((r) => r.complete && r.advances !== null));
}

/** The rows whose choice differs from the proposal: each needs a written reason. */
export function changedRows(rows: Row[], chosen: Record<string, boolean>): Row[] {
  return rows.filter((r) => (chosen[r.applicationId] ?? r.advances) !== r.advances);
}

/**
 * The advancement decision (kind 'advancement') over the decidable rows, reasons on the changed
 * ones. Each item names the state the page showed, so a second click never advances twice.
 */
export function advancementDecision(rows: Row[], chosen: Record<string, boolean>, reasons: Record<string, string>, decidedOn: string, stageLabel: string): DecisionRequest {
  const changed = new Set(changedRows(rows, chosen).map((r) => r.applicationId));
  return {
    kind: 'advancement',
    decidedOn,
    note: `${stageLabel}晋级决定`,
    items: rows.map((r) => {
      const advance = chosen[r.applicationId] ?? r.advances === true;
      const reason = reasons[r.applicationId]?.trim();
      return { applicationId: r.applicationId, outcome: advance ? 'advance' : 'not_advance', expectedState: r.state as ApplicationState, ...(changed.has(r.applicationId) && reason ? { reason } : {}) };
    }),
  };
}
