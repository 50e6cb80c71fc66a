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
  // The plenary's resolution, recorded by the office as its secretariat; the ballot itself comes with the committee capability.
  committee_resolution: { label: '评审委员会全体会议决议', recordedBy: ['office'], documentRequired: true, outcomes: ['proposed', 'not_selected'], article: '第九条、第十六条' },
  leadership_approval: { label: '领导小组审定', recordedBy: ['leadership'], documentRequired: true, outcomes: ['approved', 'not_selected'], article: '第十六条' },
  government_decision: { label: '市政府审定', recordedBy: ['government'], documentRequired: true, outcomes: ['award', 'nomination', 'none'], article: '第十八条' },
  revocation_proposal: { label: '领导小组提请撤销', recordedBy: ['leadership'], documentRequired: true, outcomes: ['propose'], article: '第二十八条、第二十九条' },
  revocation_decision: { label: '市政府撤销决定', recordedBy: ['government'], documentRequired: true, outcomes: ['revoke'], article: '第二十八条、第二十九条' },
} as const satisfies Record<string, { label: string; recordedBy: readonly Role[]; documentRequired: boolean; outcomes: readonly string[]; article: string }>;

export type DecisionKind = keyof typeof DECISION_KINDS;
export const DECISION_KIND_NAMES = Object.keys(DECISION_KINDS) as DecisionKind[];
export type DecisionOutcome = (typeof DECISION_KINDS)[DecisionKind]['outcomes'][number];

export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  advance: '晋级',
  not_advance: '不晋级',
  candidate: '列入建议候选名单',
  not_selected: '不列入',
  proposed: '列入建议拟获奖名单',
  approved: '审定通过',
  award: '授予市长质量奖',
  nomination: '授予提名奖',
  none: '不授奖',
  propose: '提请撤销',
  revoke: '撤销奖项',
};

export function isOutcomeOf(kind: DecisionKind, outcome: string): outcome is DecisionOutcome {
  return (DECISION_KINDS[kind].outcomes as readonly string[]).includes(outcome);
}
