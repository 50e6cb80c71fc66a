import type { CaseDetail } from '../../contract/supervision';

/** The stages a case's timeline shows, in order. */
export type TimelineStage = 'opened' | 'verified' | 'proposal' | 'decision' | 'announcement' | 'closed';

/** When each stage happened (null: still ahead). */
export function stageTimes(c: CaseDetail): Record<TimelineStage, string | null> {
  return {
    opened: c.openedAt,
    verified: c.verifiedAt,
    proposal: c.proposal?.decidedOn ?? null,
    decision: c.decision?.decidedOn ?? null,
    announcement: c.announcedOn,
    closed: c.closedAt,
  };
}

/** Whether the case goes the revocation way: a revocation, or an applicant case about an award already granted (proposal → government). */
export function onRevocationPath(c: CaseDetail): boolean {
  return c.kind === 'revocation' || c.decision !== null || c.outcome === 'revoked' || ['proposed', 'decided', 'announced'].includes(c.status);
}

/**
 * The stages of this case's timeline: the leadership's step for revocations and applicant cases,
 * the government and the announcement only on the revocation way; a closed case shows only what
 * happened (an unsubstantiated finding or a disqualification skips the rest).
 */
export function timelineStages(c: CaseDetail): TimelineStage[] {
  const revocation = onRevocationPath(c);
  const stages: TimelineStage[] = ['opened', 'verified'];
  if (revocation || c.kind === 'applicant') stages.push('proposal');
  if (revocation) stages.push('decision', 'announcement');
  stages.push('closed');
  const times = stageTimes(c);
  return c.closedAt ? stages.filter((s) => times[s] !== null) : stages;
}

/** The steps shown to the reader: allowed ones, and the refused ones the server explains; a refused step without a reason does not concern this case. */
export function visibleSteps(steps: CaseDetail['steps']): CaseDetail['steps'] {
  return steps.filter((s) => s.allowed || !!s.reason);
}

/** What is still to recover after a revocation; recovered money may be booked as negative payments, so it counts by its amount. */
export function recoveryStatus(r: NonNullable<CaseDetail['recovery']>): { recoveredFen: number; owedFen: number; itemsLeft: string[]; complete: boolean } {
  const recoveredFen = Math.abs(r.moneyRecoveredFen);
  const owedFen = Math.max(0, r.moneyPaidFen - recoveredFen);
  const itemsLeft = r.itemsOut.filter((i) => !r.itemsRecovered.includes(i));
  return { recoveredFen, owedFen, itemsLeft, complete: owedFen === 0 && itemsLeft.length === 0 };
}
