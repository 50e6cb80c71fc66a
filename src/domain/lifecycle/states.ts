import type { TechnicalStage } from '../profile/schema.js';

/**
 * Every state an application (unit or individual) can be in, SPEC §4 / Art. 13–18, 28–29.
 * The technical-review states exist in a table only when the profile lists their stage.
 */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'recommended',
  'not_recommended',
  'returned',
  'rejected',
  'accepted',
  'qualification_review',
  'qualified',
  'disqualified',
  'material_review',
  'onsite_review',
  'defence_review',
  'not_advanced',
  'technical_reviewed',
  'satisfaction_survey',
  'candidate',
  'proposed',
  'leadership_approved',
  'not_selected',
  'public_notice',
  'government_approved',
  'awarded',
  'nominated',
  'not_awarded',
  'withdrawn',
  'revoked',
  'excluded',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** How a state looks in lists and tags (antd tag colours), named by intent. */
export type StateTone = 'default' | 'processing' | 'success' | 'warning' | 'error';

/** The edition phases (SPEC §4), in order; an application's state belongs to one. */
export const EDITION_PHASES = ['call', 'intake', 'qualification', 'technical_review', 'survey', 'committee', 'leadership', 'notice', 'government', 'published', 'closed'] as const;
export type EditionPhase = (typeof EDITION_PHASES)[number];

/** The fixed outcome category a state stands for (ARCHITECTURE habit 8); null while undecided. */
export type StateOutcome = 'award' | 'nomination' | 'none' | null;

export interface StateMeta {
  label: string;
  tone: StateTone;
  phase: EditionPhase;
  outcome: StateOutcome;
  /** For a refusal the applicant must read: how its reason is titled (退回原因 …). */
  reasonLabel?: string;
}

/**
 * One table of what each state means; the web, the services and the exports read it and
 * keep no list of states of their own.
 */
export const STATE_META: Record<ApplicationState, StateMeta> = {
  draft: { label: '草稿', tone: 'default', phase: 'intake', outcome: null },
  submitted: { label: '已提交（待县区推荐）', tone: 'processing', phase: 'intake', outcome: null },
  recommended: { label: '县区已推荐（待受理）', tone: 'processing', phase: 'intake', outcome: null },
  not_recommended: { label: '县区未推荐', tone: 'error', phase: 'intake', outcome: 'none', reasonLabel: '未推荐原因' },
  returned: { label: '退回补正', tone: 'warning', phase: 'intake', outcome: null, reasonLabel: '退回原因' },
  rejected: { label: '不予受理', tone: 'error', phase: 'intake', outcome: 'none', reasonLabel: '不予受理原因' },
  accepted: { label: '已受理', tone: 'processing', phase: 'qualification', outcome: null },
  qualification_review: { label: '资格审查中', tone: 'processing', phase: 'qualification', outcome: null },
  qualified: { label: '资格审查通过', tone: 'success', phase: 'qualification', outcome: null },
  disqualified: { label: '资格审查未通过', tone: 'error', phase: 'qualification', outcome: 'none', reasonLabel: '未通过原因' },
  material_review: { label: '材料评审中', tone: 'processing', phase: 'technical_review', outcome: null },
  onsite_review: { label: '现场评审中', tone: 'processing', phase: 'technical_review', outcome: null },
  defence_review: { label: '陈述答辩中', tone: 'processing', phase: 'technical_review', outcome: null },
  not_advanced: { label: '技术评审未晋级', tone: 'error', phase: 'technical_review', outcome: 'none' },
  technical_reviewed: { label: '技术评审结果已报送', tone: 'success', phase: 'technical_review', outcome: null },
  satisfaction_survey: { label: '社会满意度测评中', tone: 'processing', phase: 'survey', outcome: null },
  candidate: { label: '建议候选', tone: 'processing', phase: 'committee', outcome: null },
  proposed: { label: '建议拟获奖（评审委审议）', tone: 'processing', phase: 'leadership', outcome: null },
  leadership_approved: { label: '拟获奖（领导小组审定）', tone: 'success', phase: 'notice', outcome: null },
  not_selected: { label: '未入选', tone: 'error', phase: 'committee', outcome: 'none' },
  public_notice: { label: '公示中', tone: 'processing', phase: 'notice', outcome: null },
  government_approved: { label: '市政府审定通过', tone: 'success', phase: 'government', outcome: null },
  awarded: { label: '获市长质量奖', tone: 'success', phase: 'published', outcome: 'award' },
  nominated: { label: '获提名奖', tone: 'success', phase: 'published', outcome: 'nomination' },
  not_awarded: { label: '未获奖', tone: 'error', phase: 'government', outcome: 'none' },
  withdrawn: { label: '已撤回', tone: 'default', phase: 'intake', outcome: 'none' },
  revoked: { label: '已撤销奖项', tone: 'error', phase: 'published', outcome: 'none' },
  excluded: { label: '违规取消参评资格', tone: 'error', phase: 'qualification', outcome: 'none', reasonLabel: '取消原因' },
};

export const STATE_LABELS: Record<ApplicationState, string> = Object.fromEntries(
  Object.entries(STATE_META).map(([state, meta]) => [state, meta.label]),
) as Record<ApplicationState, string>;

/** The label of a state read from storage; an unknown value is shown as is rather than hidden. */
export function stateLabel(state: string): string {
  return isApplicationState(state) ? STATE_META[state].label : state;
}

/** States with no way out. `awarded` and `nominated` are not final: they can be revoked (Art. 28–29). */
export const FINAL_STATES = [
  'not_recommended',
  'rejected',
  'disqualified',
  'not_advanced',
  'not_selected',
  'not_awarded',
  'withdrawn',
  'revoked',
  'excluded',
] as const satisfies readonly ApplicationState[];
export type FinalState = (typeof FINAL_STATES)[number];

export function isFinalState(state: ApplicationState): state is FinalState {
  return (FINAL_STATES as readonly ApplicationState[]).includes(state);
}

/**
 * States still waiting on someone: not final and without an outcome (an award or a nomination
 * is decided, though it can still be revoked). What disabling an organisation leaves behind.
 */
export const PENDING_STATES: readonly ApplicationState[] = APPLICATION_STATES.filter((s) => !isFinalState(s) && STATE_META[s].outcome === null);

export const STAGE_STATES: Record<TechnicalStage, ApplicationState> = {
  material: 'material_review',
  onsite: 'onsite_review',
  defence: 'defence_review',
};

export const STAGE_LABELS: Record<TechnicalStage, string> = {
  material: '材料评审',
  onsite: '现场评审',
  defence: '陈述答辩',
};

/**
 * States from which the applicant may still withdraw: everything before the
 * government's approval that is not already final.
 */
export const WITHDRAWABLE_STATES: readonly ApplicationState[] = APPLICATION_STATES.slice(
  0,
  APPLICATION_STATES.indexOf('government_approved'),
).filter((s) => !isFinalState(s));

export function isApplicationState(s: string): s is ApplicationState {
  return (APPLICATION_STATES as readonly string[]).includes(s);
}
