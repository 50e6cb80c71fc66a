import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { announceCaseRequest, CaseDetail, closeCaseRequest, decideCaseRequest, disqualifyExpertRequest, proposeCaseRequest, verifyCaseRequest } from '../../contract/supervision.js';
import { supervisionCases } from '../../db/schema/index.js';
import type { CaseStep } from '../../contract/supervision.js';
import { closingOutcome, onRevocationPath, type CaseFacts } from '../../domain/supervision/steps.js';
import { applyDecision } from '../applications/decisions.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { notify } from '../notify.js';
import { disqualifyExpert } from './expert-disqualification.js';
import { caseFactsOf, loadCase, presentCase, requireCaseReader, requireStep, type CaseRow } from './cases-read.js';

/**
 * The steps of a case after it is opened, each in one transaction with its audit record, by its
 * role (domain/supervision/steps.ts): the office verifies, the leadership proposes or rules, the
 * government decides, the office announces and closes. A refused step writes nothing.
 */

type Step<I> = (tctx: TxContext, row: CaseRow, facts: CaseFacts, input: I) => Promise<void>;

async function takeStep<I>(ctx: ServiceContext, caseId: string, step: CaseStep, input: I, work: Step<I>): Promise<CaseDetail> {
  requireCaseReader(ctx);
  await inTransaction(ctx, async (tctx) => {
    const row = await loadCase(tctx.tx, caseId, true);
    const facts = await caseFactsOf(tctx.tx, row);
    requireStep(tctx, step, facts);
    await work(tctx, row, facts, input);
  });
  return presentCase(ctx, await loadCase(ctx.db, caseId));
}

const setCase = (tctx: TxContext, id: string, values: Partial<typeof supervisionCases.$inferInsert>) => tctx.tx.update(supervisionCases).set(values).where(eq(supervisionCases.id, id));

/** The reporter hears how their report ended (they may be a committee member following it). */
async function tellReporter(tctx: TxContext, row: CaseRow, title: string): Promise<void> {
  if (row.reportedBy === tctx.actor!.userId) return;
  await notify(tctx, [row.reportedBy], { kind: 'case', title: `${row.reference}：${title}`, link: `/supervision/${row.id}` });
}

/** The office's verification: substantiated moves on; unsubstantiated ends the case with no action. */
export function verifyCase(ctx: ServiceContext, caseId: string, input: z.infer<typeof verifyCaseRequest>): Promise<CaseDetail> {
  return takeStep(ctx, caseId, 'verify', input, async (tctx, row) => {
    const now = tctx.now();
    const ends = input.finding === 'unsubstantiated';
    const after = ends
      ? { status: 'closed', outcome: 'no_action', closeReason: input.verification, closedBy: tctx.actor!.userId, closedAt: now }
      : { status: 'verified' };
    await setCase(tctx, row.id, { finding: input.finding, verification: input.verification, verifiedBy: tctx.actor!.userId, verifiedAt: now, ...after });
    await recordAudit(tctx, { action: 'case.verify', entityType: 'supervision_case', entityId: row.id, before: { status: row.status }, after: { finding: input.finding, ...after, closedAt: undefined } });
    if (ends) await tellReporter(tctx, row, '经核查查无实据，已结案');
  });
}

/**
 * The leadership group: on the revocation path it proposes revocation to the government
 * (decision revocation_proposal); for an applicant still in the procedure it rules (decision
 * misconduct_ruling), which excludes the application and ends the case (Art. 25).
 */
export function proposeCase(ctx: ServiceContext, caseId: string, input: z.infer<typeof proposeCaseRequest>): Promise<CaseDetail> {
  return takeStep(ctx, caseId, 'propose', input, async (tctx, row, facts) => {
    const item = { applicationId: row.applicationId!, reason: input.reason };
    if (onRevocationPath(facts)) {
      const decisionId = await applyDecision(tctx, row.editionId, { kind: 'revocation_proposal', documentNumber: input.documentNumber, decidedOn: input.decidedOn, note: `${row.reference}：${input.reason}`, items: [{ ...item, outcome: 'propose' }] });
      await setCase(tctx, row.id, { status: 'proposed', proposalDecisionId: decisionId });
      await recordAudit(tctx, { action: 'case.propose', entityType: 'supervision_case', entityId: row.id, before: { status: row.status }, after: { status: 'proposed', decisionId, documentNumber: input.documentNumber, decidedOn: input.decidedOn, reason: input.reason } });
      return;
    }
    // The guard misconductSubstantiated reads this case while it is still open: rule first, then close.
    const decisionId = await applyDecision(tctx, row.editionId, { kind: 'misconduct_ruling', documentNumber: input.documentNumber, decidedOn: input.decidedOn, note: `${row.reference}：${input.reason}`, items: [{ ...item, outcome: 'exclude' }] });
    const closed = { status: 'closed', outcome: 'excluded', proposalDecisionId: decisionId, closeReason: input.reason, closedBy: tctx.actor!.userId, closedAt: tctx.now() };
    await setCase(tctx, row.id, closed);
    await recordAudit(tctx, { action: 'case.propose', entityType: 'supervision_case', entityId: row.id, before: { status: row.status }, after: { status: 'closed', outcome: 'excluded', decisionId, documentNumber: input.documentNumber, decidedOn: input.decidedOn, reason: input.reason } });
    await tellReporter(tctx, row, '领导小组决定取消其参评资格，已结案');
  });
}

/** The government's revocation: the procedure revokes the application, marks the winner revoked and tells the applicant. */
export function decideCase(ctx: ServiceContext, caseId: string, input: z.infer<typeof decideCaseRequest>): Promise<CaseDetail> {
  return takeStep(ctx, caseId, 'decide', input, async (tctx, row) => {
    const decisionId = await applyDecision(tctx, row.editionId, { kind: 'revocation_decision', documentNumber: input.documentNumber, decidedOn: input.decidedOn, note: `${row.reference}：${input.reason}`, items: [{ applicationId: row.applicationId!, outcome: 'revoke', reason: input.reason }] });
    await setCase(tctx, row.id, { status: 'decided', outcome: 'revoked', decisionId });
    await recordAudit(tctx, { action: 'case.decide', entityType: 'supervision_case', entityId: row.id, before: { status: row.status }, after: { status: 'decided', outcome: 'revoked', decisionId, documentNumber: input.documentNumber, decidedOn: input.decidedOn, reason: input.reason } });
  });
}

/** The office announces the revocation to the public (GET /api/public/revocations lists it from now on). */
export function announceCase(ctx: ServiceContext, caseId: string, input: z.infer<typeof announceCaseRequest>): Promise<CaseDetail> {
  return takeStep(ctx, caseId, 'announce', input, async (tctx, row) => {
    await setCase(tctx, row.id, { status: 'announced', announcement: input.announcement, announcedOn: input.announcedOn });
    await recordAudit(tctx, { action: 'case.announce', entityType: 'supervision_case', entityId: row.id, before: { status: row.status }, after: { status: 'announced', announcedOn: input.announcedOn } });
  });
}

/**
 * The office ends the case: after the announcement the revocation stands (recovery is recorded
 * in the awards ledger); a substantiated staff report is referred; otherwise no action, e.g. when
 * the leadership or the government declined to go further.
 */
export function closeCase(ctx: ServiceContext, caseId: string, input: z.infer<typeof closeCaseRequest>): Promise<CaseDetail> {
  return takeStep(ctx, caseId, 'close', input, async (tctx, row, facts) => {
    const outcome = closingOutcome(facts);
    await setCase(tctx, row.id, { status: 'closed', outcome, closeReason: input.reason, closedBy: tctx.actor!.userId, closedAt: tctx.now() });
    await recordAudit(tctx, { action: 'case.close', entityType: 'supervision_case', entityId: row.id, before: { status: row.status, outcome: row.outcome }, after: { status: 'closed', outcome, reason: input.reason } });
    await tellReporter(tctx, row, '已结案');
  });
}

/**
 * Art. 26: the office, as the committee's secretariat, disqualifies the expert of a verified
 * case: their scores of the edition are set aside (expert-disqualification.ts) and the case ends.
 */
export function disqualifyExpertCase(ctx: ServiceContext, caseId: string, input: z.infer<typeof disqualifyExpertRequest>): Promise<CaseDetail> {
  return takeStep(ctx, caseId, 'disqualifyExpert', input, async (tctx, row) => {
    const record = await disqualifyExpert(tctx, { editionId: row.editionId, expertId: row.expertId!, reason: input.reason, caseId: row.id });
    await setCase(tctx, row.id, { status: 'closed', outcome: 'expert_disqualified', closeReason: input.reason, closedBy: tctx.actor!.userId, closedAt: tctx.now() });
    await recordAudit(tctx, { action: 'case.close', entityType: 'supervision_case', entityId: row.id, before: { status: row.status }, after: { status: 'closed', outcome: 'expert_disqualified', disqualification: record.id, reason: input.reason } });
    await tellReporter(tctx, row, '已取消该专家本届评审资格，已结案');
  });
}
