import type { ReviewStatus } from '../api/types';

export const KIND_LABELS: Record<string, string> = { unit: '单位', individual: '个人' };

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  pending: '待审查',
  passed: '通过',
  failed: '不通过',
  overdue: '已逾期',
  overruled: '异议已否决',
  closed: '审查已结束',
};

export const REVIEW_STATUS_COLORS: Record<ReviewStatus, string> = {
  pending: 'default',
  passed: 'success',
  failed: 'error',
  overdue: 'warning',
  overruled: 'purple',
  closed: 'default',
};

/** Tag colour of an application state (coarse: finished well, finished badly, waiting). */
export function stateColor(state: string): string {
  if (['qualified', 'awarded', 'nominated', 'recommended', 'accepted'].includes(state)) return 'success';
  if (['not_recommended', 'rejected', 'disqualified', 'not_advanced', 'not_selected', 'not_awarded', 'revoked'].includes(state)) return 'error';
  if (state === 'returned') return 'warning';
  if (state === 'draft' || state === 'withdrawn') return 'default';
  return 'processing';
}

/** States whose last reason is an outcome the applicant must read. */
export const OUTCOME_STATES: Record<string, string> = {
  returned: '退回原因',
  rejected: '不予受理原因',
  disqualified: '未通过原因',
  not_recommended: '未推荐原因',
};
