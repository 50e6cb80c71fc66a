import { isApplicationState, STATE_META } from '../../domain/lifecycle/states';
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

/** Tag colour of an application state, from the domain's one table of states. */
export function stateColor(state: string): string {
  return isApplicationState(state) ? STATE_META[state].tone : 'default';
}
