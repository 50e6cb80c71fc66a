import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src/contract/supervision.js';
import { recoveryStatus, timelineStages, visibleSteps } from '../../src/web/supervision/case-view.js';

const ID = '00000000-0000-4000-8000-000000000001';
const ref = { documentNumber: '临质强〔2026〕1号', decidedOn: '2026-11-20', note: null };

function detail(over: Partial<CaseDetail>): CaseDetail {
  return {
    id: ID,
    reference: 'JD-2026-001',
    kind: 'revocation',
    editionId: ID,
    editionName: '第一届',
    subjectName: '某公司',
    status: 'open',
    outcome: null,
    openedAt: '2026-11-18T02:00:00.000Z',
    applicationId: ID,
    expertId: null,
    staffUnit: null,
    ground: null,
    facts: '事实',
    files: [],
    reportedBy: '强市办',
    finding: null,
    verification: null,
    verifiedAt: null,
    proposal: null,
    decision: null,
    announcement: null,
    announcedOn: null,
    closeReason: null,
    closedAt: null,
    recovery: null,
    steps: [],
    ...over,
  };
}

describe('the case timeline (supervision page)', () => {
  it('an open revocation shows every stage ahead, through the government and the announcement', () => {
    expect(timelineStages(detail({}))).toEqual(['opened', 'verified', 'proposal', 'decision', 'announcement', 'closed']);
  });

  it("an applicant case is ruled on by the leadership group and never reaches the government's steps", () => {
    expect(timelineStages(detail({ kind: 'applicant' }))).toEqual(['opened', 'verified', 'proposal', 'closed']);
  });

  it('an applicant case about an award already granted goes the revocation way once proposed', () => {
    expect(timelineStages(detail({ kind: 'applicant', status: 'proposed', verifiedAt: '2026-11-19T02:00:00.000Z', proposal: ref }))).toContain('decision');
  });

  it('a staff or expert case has no leadership step', () => {
    expect(timelineStages(detail({ kind: 'staff' }))).toEqual(['opened', 'verified', 'closed']);
    expect(timelineStages(detail({ kind: 'expert' }))).toEqual(['opened', 'verified', 'closed']);
  });

  it('a case closed as unsubstantiated shows only what happened', () => {
    const closed = detail({ status: 'closed', finding: 'unsubstantiated', verifiedAt: '2026-11-19T02:00:00.000Z', closedAt: '2026-11-19T02:00:00.000Z', outcome: 'no_action' });
    expect(timelineStages(closed)).toEqual(['opened', 'verified', 'closed']);
  });
});

describe('the steps offered to the reader', () => {
  it('keeps allowed steps and refused ones the server explains, drops the rest', () => {
    const steps: CaseDetail['steps'] = [
      { step: 'verify', allowed: true, reason: null },
      { step: 'decide', allowed: false, reason: '由市政府作出撤销决定' },
      { step: 'disqualifyExpert', allowed: false, reason: null },
    ];
    expect(visibleSteps(steps).map((s) => s.step)).toEqual(['verify', 'decide']);
  });
});

describe('the recovery after a revocation', () => {
  const base = { winnerId: ID, moneyPaidFen: 50_000_000, itemsOut: ['奖杯', '证书'] };

  it('counts what is still owed and still out', () => {
    expect(recoveryStatus({ ...base, moneyRecoveredFen: 20_000_000, itemsRecovered: ['证书'] })).toEqual({ recoveredFen: 20_000_000, owedFen: 30_000_000, itemsLeft: ['奖杯'], complete: false });
  });

  it('is complete once the money and every item are back, whether recovered money is booked negative or positive', () => {
    expect(recoveryStatus({ ...base, moneyRecoveredFen: -50_000_000, itemsRecovered: ['奖杯', '证书'] }).complete).toBe(true);
    expect(recoveryStatus({ ...base, moneyRecoveredFen: 50_000_000, itemsRecovered: ['证书', '奖杯'] }).complete).toBe(true);
  });
});
