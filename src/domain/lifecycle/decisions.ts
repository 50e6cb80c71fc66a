import type { Role } from '../roles.js';

/**
 * Decisions over a list of applications (ARCHITECTURE habit 2, "decide, then publish"): a
 * body's decision is recorded first as its own row — who decided, the document number and
 * date where there is one, an outcome per application — and only then does the procedure
 * move the applications it names, all in one transaction. No single member of a body moves
 * an application alone: only the role that records the body's decision can.
 */
export const DECISION_KINDS = {
  advancement: { label: '技术评审晋级决定', recordedBy: ['agency'], documentRequired: false, outcomes: ['advance', 'not_advance'], article: '第十五条' },
  candidate_list: { label: '建议候选名单', recordedBy: ['office'], documentRequired: false, outcomes: ['candidate', 'not_selected'], article: '第十六条' },
  // The plenary's resolution, recorded by the office as its secretariat when the ballot closes (services/committee).
  committee_resolution: { label: '评审委员会全体会议决议', recordedBy: ['office'], documentRequired: true, outcomes: ['proposed', 'not_selected'], article: '第九条、第十六条' },
  // 'returned' sends the list back to the committee with reasons.
  leadership_approval: { label: '领导小组审定', recordedBy: ['leadership'], documentRequired: true, outcomes: ['approved', 'not_selected', 'returned'], article: '第十六条' },
  // An upheld objection takes the candidate off the notice's list (Art. 17) ...
  objection_ruling: { label: '公示异议处理决定', recordedBy: ['office'], documentRequired: false, outcomes: ['removed'], article: '第十七条' },
  // ... and the leadership group decides on the remaining list again before the government's decision.
  notice_confirmation: { label: '领导小组重新审定公示名单', recordedBy: ['leadership'], documentRequired: true, outcomes: ['confirmed'], article: '第十六条、第十七条' },
  government_decision: { label: '市政府审定', recordedBy: ['government'], documentRequired: true, outcomes: ['award', 'nomination', 'none'], article: '第十八条' },
  revocation_proposal: { label: '领导小组提请撤销', recordedBy: ['leadership'], documentRequired: true, outcomes: ['propose'], article: '第二十八条、第二十九条' },
  // Art. 25: the leadership group rules on a substantiated report against an applicant still in the procedure.
  misconduct_ruling: { label: '领导小组违规处理决定', recordedBy: ['leadership'], documentRequired: true, outcomes: ['exclude'], article: '第二十五条' },
  revocation_decision: { label: '市政府撤销决定', recordedBy: ['government'], documentRequired: true, outcomes: ['revoke'], article: '第二十八条、第二十九条' },
} as const satisfies Record<string, { label: string; recordedBy: readonly Role[]; documentRequired: boolean; outcomes: readonly string[]; article: string }>;

export type DecisionKind = keyof typeof DECISION_KINDS;

/**
 * The outcomes that place an application on a list in a category (award or nomination): a
 * decision giving one of them names the category per item, and the list it makes is checked
 * against the quotas (Art. 2) before anything moves.
 */
export const LIST_OUTCOMES: Partial<Record<DecisionKind, readonly string[]>> = {
  committee_resolution: ['proposed'],
  leadership_approval: ['approved'],
  notice_confirmation: ['confirmed'],
};
export const DECISION_KIND_NAMES = Object.keys(DECISION_KINDS) as DecisionKind[];
export type DecisionOutcome = (typeof DECISION_KINDS)[DecisionKind]['outcomes'][number];

export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  advance: '晋级',
  not_advance: '不晋级',
  candidate: '列入建议候选名单',
  not_selected: '不列入',
  proposed: '列入建议拟获奖名单',
  approved: '审定通过',
  returned: '退回评审委员会重新审议',
  removed: '异议成立，移出公示名单',
  confirmed: '重新审定通过',
  award: '授予市长质量奖',
  nomination: '授予提名奖',
  none: '不授奖',
  propose: '提请撤销',
  revoke: '撤销奖项',
  exclude: '取消参评资格',
};

export function isOutcomeOf(kind: DecisionKind, outcome: string): outcome is DecisionOutcome {
  return (DECISION_KINDS[kind].outcomes as readonly string[]).includes(outcome);
}
