import { CASE_STEPS, type CaseFinding, type CaseKind, type CaseOutcome, type CaseStatus, type CaseStep } from '../../contract/supervision.js';
import { hasRole, type Actor, type Role } from '../roles.js';

/**
 * Which step of a supervision case (Art. 24–29) a role may take in which status, and why not.
 * One definition: the services refuse with it (stable codes) and the case's `steps` array shows
 * the browser the same answers, so a button is never enabled for a request the server refuses.
 */

export interface CaseFacts {
  kind: CaseKind;
  status: CaseStatus;
  finding: CaseFinding | null;
  /** The application named by a revocation or applicant case still holds an award (awarded or nominated). */
  subjectIsWinner: boolean;
  /** The application named by an applicant case is still in the procedure (the leadership can exclude it, Art. 25). */
  subjectInProcedure: boolean;
  /** The revocation was announced (the case closes keeping its outcome). */
  announced: boolean;
}

export type StepRefusal = 'unauthenticated' | 'wrong_role' | 'case_step';
export type StepVerdict = { allowed: true } | { allowed: false; code: StepRefusal; reason: string };

/** Who takes each step: the office investigates and announces, the leadership proposes, the government decides. */
export const STEP_ROLES: Record<CaseStep, Role> = {
  addEvidence: 'office',
  verify: 'office',
  propose: 'leadership',
  decide: 'government',
  announce: 'office',
  disqualifyExpert: 'office',
  close: 'office',
};
const ROLE_REFUSALS: Record<CaseStep, string> = {
  addEvidence: '只有强市办可以补充证据',
  verify: '只有强市办可以登记核查结论',
  propose: '只有质量强市工作领导小组可以提请撤销或作出违规处理决定',
  decide: '只有市政府可以作出撤销决定',
  announce: '只有强市办可以向社会公告',
  disqualifyExpert: '只有强市办（评审委员会办事机构）可以取消专家评审资格',
  close: '只有强市办可以结案',
};

/** The revocation path (proposal → government → announcement): a revocation case, or a report against a winner. */
export function onRevocationPath(facts: Pick<CaseFacts, 'kind' | 'subjectIsWinner'>): boolean {
  return facts.kind === 'revocation' || (facts.kind === 'applicant' && facts.subjectIsWinner);
}

const allowed: StepVerdict = { allowed: true };
const refuse = (reason: string): StepVerdict => ({ allowed: false, code: 'case_step', reason });

/** Whether the step fits the case's status and kind, whoever asks. */
export function stepFits(step: CaseStep, facts: CaseFacts): StepVerdict {
  if (facts.status === 'closed') return refuse('案件已结案');
  const revocation = onRevocationPath(facts);
  switch (step) {
    case 'addEvidence':
      return allowed;
    case 'verify':
      return facts.status === 'open' ? allowed : refuse('核查结论已登记');
    case 'propose':
      if (facts.kind === 'expert' || facts.kind === 'staff') return refuse('该类案件不需领导小组提请');
      if (facts.status === 'open') return refuse('须先由强市办查证属实');
      if (facts.status !== 'verified') return refuse('领导小组已提请');
      if (!revocation && !facts.subjectInProcedure) return refuse('该申报已不在评审程序中，不能取消参评资格');
      return allowed;
    case 'decide':
      if (!revocation) return refuse('只有撤销奖项的案件由市政府决定');
      return facts.status === 'proposed' ? allowed : refuse(facts.status === 'open' || facts.status === 'verified' ? '须先由领导小组提请撤销' : '市政府已作出决定');
    case 'announce':
      if (!revocation) return refuse('只有撤销奖项的决定向社会公告');
      return facts.status === 'decided' ? allowed : refuse(facts.status === 'announced' ? '已公告' : '须在市政府作出撤销决定后公告');
    case 'disqualifyExpert':
      if (facts.kind !== 'expert') return refuse('只有评审专家违规案件可以取消专家评审资格');
      return facts.status === 'verified' ? allowed : refuse('须先由强市办查证属实');
    case 'close':
      if (facts.status === 'open') return refuse('须先登记核查结论（查无实据即结案）');
      if (facts.status === 'decided') return refuse('撤销决定须先向社会公告再结案');
      return allowed;
  }
}

/** The role first (403), then the status (409): a wrong role learns the step is not theirs. */
export function caseStepVerdict(actor: Actor | null, step: CaseStep, facts: CaseFacts): StepVerdict {
  if (!actor) return { allowed: false, code: 'unauthenticated', reason: '请先登录' };
  if (!hasRole(actor, STEP_ROLES[step])) return { allowed: false, code: 'wrong_role', reason: ROLE_REFUSALS[step] };
  return stepFits(step, facts);
}

/** Every step with the reader's answer, as the case detail shows it. */
export function caseStepsFor(actor: Actor | null, facts: CaseFacts): Array<{ step: CaseStep; allowed: boolean; reason: string | null }> {
  return CASE_STEPS.map((step) => {
    const verdict = caseStepVerdict(actor, step, facts);
    return { step, allowed: verdict.allowed, reason: verdict.allowed ? null : verdict.reason };
  });
}

/** What closing the case records: the revocation stands once announced; a substantiated staff report is referred. */
export function closingOutcome(facts: CaseFacts): CaseOutcome {
  if (facts.announced) return 'revoked';
  if (facts.kind === 'staff' && facts.finding === 'substantiated') return 'referred';
  return 'no_action';
}

/** Who may open which kind (Art. 25–26): the office any; the committee reports applicants, experts and staff. */
export function mayOpenCase(actor: Actor | null, kind: CaseKind): StepVerdict {
  if (!actor) return { allowed: false, code: 'unauthenticated', reason: '请先登录' };
  if (hasRole(actor, 'office')) return allowed;
  if (hasRole(actor, 'committee')) return kind === 'revocation' ? { allowed: false, code: 'wrong_role', reason: '撤销奖项案件由强市办立案' } : allowed;
  return { allowed: false, code: 'wrong_role', reason: '只有强市办或评审委员会委员可以立案或举报' };
}

/** Who reads cases: the bodies of the procedure and the audit administrator. */
export const CASE_READERS: readonly Role[] = ['office', 'leadership', 'government', 'committee', 'auditadmin'];
export const canReadCases = (actor: Actor | null): boolean => CASE_READERS.some((r) => hasRole(actor, r));
