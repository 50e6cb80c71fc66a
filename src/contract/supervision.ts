import { z } from 'zod';
import { isoDateTime } from './common.js';
import { isoDate, nonEmptyText } from './primitives.js';

/**
 * Supervision cases (SPEC §7–8; Art. 24–29): revocation of an award, a report against an
 * applicant (Art. 25), an expert or a staff member (Art. 26). One contract for the server's
 * validation and the browser's forms.
 */

export const CASE_KINDS = ['revocation', 'applicant', 'expert', 'staff'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  revocation: '撤销奖项（第二十八条、第二十九条）',
  applicant: '参评单位或个人违规（第二十五条）',
  expert: '评审专家违规（第二十六条）',
  staff: '评审工作人员违规（第二十六条）',
};

export const CASE_STATUSES = ['open', 'verified', 'proposed', 'decided', 'announced', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  open: '调查核实中',
  verified: '已查证属实',
  proposed: '领导小组已提请',
  decided: '市政府已决定',
  announced: '已公告',
  closed: '已结案',
};

export const CASE_FINDINGS = ['substantiated', 'unsubstantiated'] as const;
export type CaseFinding = (typeof CASE_FINDINGS)[number];
export const CASE_FINDING_LABELS: Record<CaseFinding, string> = { substantiated: '查证属实', unsubstantiated: '查无实据' };

export const CASE_OUTCOMES = ['revoked', 'excluded', 'expert_disqualified', 'referred', 'no_action'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export const CASE_OUTCOME_LABELS: Record<CaseOutcome, string> = {
  revoked: '撤销奖项',
  excluded: '取消参评资格',
  expert_disqualified: '取消专家评审资格',
  referred: '提请主管部门或所在单位处理',
  no_action: '不予处理',
};

/** At most this many evidence files per case. */
export const CASE_MAX_FILES = 20;

/** The steps a case can take; the server answers which of them the reader may take now, with the reason when not. */
export const CASE_STEPS = ['addEvidence', 'verify', 'propose', 'decide', 'announce', 'disqualifyExpert', 'close'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];
export const CASE_STEP_LABELS: Record<CaseStep, string> = {
  addEvidence: '补充证据',
  verify: '登记核查结论',
  propose: '领导小组提请或处理',
  decide: '市政府撤销决定',
  announce: '向社会公告',
  disqualifyExpert: '取消专家评审资格',
  close: '结案',
};

export const openCaseRequest = z
  .object({
    kind: z.enum(CASE_KINDS),
    editionId: z.uuid(),
    /** revocation and applicant cases. */
    applicationId: z.uuid().optional(),
    /** expert cases. */
    expertId: z.uuid().optional(),
    /** staff cases: who and where they work. */
    staffName: z.string().trim().min(1).max(100).optional(),
    staffUnit: z.string().trim().min(1).max(200).optional(),
    /** revocation cases: the code of a ground of the profile's list for the winner's kind. */
    groundCode: z.string().trim().min(1).max(40).optional(),
    facts: nonEmptyText(10000),
    /** Files uploaded beforehand with purpose case_evidence. */
    fileIds: z.array(z.uuid()).max(CASE_MAX_FILES).default([]),
  })
  .superRefine((v, ctx) => {
    const need = (field: keyof typeof v, message: string) => {
      if (v[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (v.kind === 'revocation' || v.kind === 'applicant') need('applicationId', '请选择被举报的申报');
    if (v.kind === 'revocation') need('groundCode', '请选择撤销情形');
    if (v.kind === 'expert') need('expertId', '请选择被举报的专家');
    if (v.kind === 'staff') {
      need('staffName', '请填写被举报人员姓名');
      need('staffUnit', '请填写被举报人员所在单位');
    }
  });
export type OpenCaseRequest = z.infer<typeof openCaseRequest>;

export const addEvidenceRequest = z.object({ fileIds: z.array(z.uuid()).min(1).max(CASE_MAX_FILES), note: z.string().trim().max(2000).optional() });
export const verifyCaseRequest = z.object({ finding: z.enum(CASE_FINDINGS), verification: nonEmptyText(10000) });
/** The leadership group's proposal to the government (revocation), or its ruling on an applicant (Art. 25). */
export const proposeCaseRequest = z.object({ documentNumber: nonEmptyText(100), decidedOn: isoDate, reason: nonEmptyText(5000) });
export const decideCaseRequest = z.object({ documentNumber: nonEmptyText(100), decidedOn: isoDate, reason: nonEmptyText(5000) });
export const announceCaseRequest = z.object({ announcement: nonEmptyText(10000), announcedOn: isoDate });
export const disqualifyExpertRequest = z.object({ reason: nonEmptyText(5000) });
export const closeCaseRequest = z.object({ reason: nonEmptyText(5000) });

export const caseFile = z.object({ id: z.uuid(), name: z.string(), size: z.number().int(), uploadedAt: isoDateTime });

export const caseDecisionRef = z.object({ documentNumber: z.string().nullable(), decidedOn: isoDate, note: z.string().nullable() });

/** Recovery after a revocation (Art. 28–29): what the awards ledger says is still out. */
export const caseRecovery = z.object({
  winnerId: z.uuid(),
  moneyPaidFen: z.number().int(),
  moneyRecoveredFen: z.number().int(),
  itemsOut: z.array(z.string()),
  itemsRecovered: z.array(z.string()),
});

export const caseSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  kind: z.enum(CASE_KINDS),
  editionId: z.uuid(),
  editionName: z.string(),
  /** Who the case is about: an application's name, an expert's name, or a staff member's name and unit. */
  subjectName: z.string(),
  status: z.enum(CASE_STATUSES),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  openedAt: isoDateTime,
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseDetail = caseSummary.extend({
  applicationId: z.uuid().nullable(),
  expertId: z.uuid().nullable(),
  staffUnit: z.string().nullable(),
  ground: z.object({ code: z.string(), article: z.string(), label: z.string() }).nullable(),
  facts: z.string(),
  files: z.array(caseFile),
  reportedBy: z.string(),
  finding: z.enum(CASE_FINDINGS).nullable(),
  verification: z.string().nullable(),
  verifiedAt: isoDateTime.nullable(),
  proposal: caseDecisionRef.nullable(),
  decision: caseDecisionRef.nullable(),
  announcement: z.string().nullable(),
  announcedOn: isoDate.nullable(),
  closeReason: z.string().nullable(),
  closedAt: isoDateTime.nullable(),
  recovery: caseRecovery.nullable(),
  /** Every step, whether the reader may take it now, and why not. */
  steps: z.array(z.object({ step: z.enum(CASE_STEPS), allowed: z.boolean(), reason: z.string().nullable() })),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const caseListQuery = z.object({ editionId: z.uuid().optional(), status: z.enum(CASE_STATUSES).optional() });
export const caseList = z.object({ items: z.array(caseSummary), abilities: z.object({ create: z.boolean() }) });

/** Grounds offered when opening a revocation case against this application (the profile's list for its kind). */
export const revocationGrounds = z.object({ items: z.array(z.object({ code: z.string(), article: z.string(), label: z.string() })) });

/** A public revocation announcement (向社会公告): no facts, no evidence, only what the government decided. */
export const publicRevocation = z.object({
  reference: z.string(),
  editionName: z.string(),
  winnerName: z.string(),
  awardLabel: z.string(),
  groundArticle: z.string().nullable(),
  documentNumber: z.string().nullable(),
  decidedOn: isoDate.nullable(),
  announcement: z.string(),
  announcedOn: isoDate,
});
export type PublicRevocation = z.infer<typeof publicRevocation>;
export const publicRevocationList = z.object({ items: z.array(publicRevocation) });

/** An expert's disqualification (Art. 26) with the results before and after their scores were set aside. */
export const rankingSnapshotRow = z.object({
  applicationId: z.uuid(),
  name: z.string(),
  kind: z.string(),
  stage: z.string(),
  /** The score the ranking uses: a technical stage's aggregate (by the profile's method), or the composite. */
  score: z.number().nullable(),
  /** Competition rank among the applications of the same kind at that stage (equal scores share a rank). */
  rank: z.number().int().nullable(),
  /** A technical stage's leniency-calibrated score, shown beside the aggregate; null for the composite or when calibration was refused. */
  calibrated: z.number().nullable(),
  /** How many independent scorebooks the stage counted for the application; null for the composite. */
  counted: z.number().int().nullable(),
});
export type RankingSnapshotRow = z.infer<typeof rankingSnapshotRow>;
export const expertDisqualification = z.object({
  id: z.uuid(),
  editionId: z.uuid(),
  expertId: z.uuid(),
  expertName: z.string(),
  caseId: z.uuid().nullable(),
  reason: z.string(),
  disqualifiedAt: isoDateTime,
  before: z.array(rankingSnapshotRow),
  after: z.array(rankingSnapshotRow),
});
export type ExpertDisqualification = z.infer<typeof expertDisqualification>;
export const expertDisqualificationList = z.object({ items: z.array(expertDisqualification) });

/** Who a new case of a kind can name in an edition: winners (revocation), applications in the procedure (applicant), the edition's experts. */
export const caseSubjectsQuery = z.object({ editionId: z.uuid(), kind: z.enum(['revocation', 'applicant', 'expert']) });
export const caseSubjects = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), detail: z.string() })) });
export type CaseSubjects = z.infer<typeof caseSubjects>;

/** GET /api/supervision/grounds: the application a revocation case would name. */
export const revocationGroundsQuery = z.object({ applicationId: z.uuid() });
/** GET /api/supervision/cases/:id/files/:fileId. */
export const caseFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
