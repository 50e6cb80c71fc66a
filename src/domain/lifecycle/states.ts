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
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const STATE_LABELS: Record<ApplicationState, string> = {
  draft: '草稿',
  submitted: '已提交（待县区推荐）',
  recommended: '县区已推荐（待受理）',
  not_recommended: '县区未推荐',
  returned: '退回补正',
  rejected: '不予受理',
  accepted: '已受理',
  qualification_review: '资格审查中',
  qualified: '资格审查通过',
  disqualified: '资格审查未通过',
  material_review: '材料评审中',
  onsite_review: '现场评审中',
  defence_review: '陈述答辩中',
  not_advanced: '技术评审未晋级',
  technical_reviewed: '技术评审结果已报送',
  satisfaction_survey: '社会满意度测评中',
  candidate: '建议候选',
  proposed: '建议拟获奖（评审委审议）',
  leadership_approved: '拟获奖（领导小组审定）',
  not_selected: '未入选',
  public_notice: '公示中',
  government_approved: '市政府审定通过',
  awarded: '获市长质量奖',
  nominated: '获提名奖',
  not_awarded: '未获奖',
  withdrawn: '已撤回',
  revoked: '已撤销奖项',
};

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
] as const satisfies readonly ApplicationState[];
export type FinalState = (typeof FINAL_STATES)[number];

export function isFinalState(state: ApplicationState): state is FinalState {
  return (FINAL_STATES as readonly ApplicationState[]).includes(state);
}

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
