import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../../domain/roles';

/** One tab of the decision workspace: who sees it, in the order of the procedure (SPEC §4 steps 8–13). */
export interface DecisionTab {
  key: string;
  label: string;
  roles: readonly Role[];
  Component: LazyExoticComponent<ComponentType<{ editionId: string }>>;
}

export const DECISION_TABS: DecisionTab[] = [
  { key: 'survey', label: '满意度测评', roles: ['office'], Component: lazy(() => import('./survey/SurveyTab')) },
  { key: 'candidates', label: '候选名单', roles: ['office'], Component: lazy(() => import('./CandidatesTab')) },
  { key: 'member', label: '评审委员会审议', roles: ['committee'], Component: lazy(() => import('./MemberTab')) },
  { key: 'committee', label: '评审委员会', roles: ['office'], Component: lazy(() => import('./committee/CommitteeTab')) },
  { key: 'leadership', label: '领导小组审定', roles: ['leadership'], Component: lazy(() => import('./LeadershipTab')) },
  { key: 'notice', label: '公示', roles: ['office'], Component: lazy(() => import('./notice/NoticeTab')) },
  { key: 'reconfirm', label: '公示名单重新审定', roles: ['leadership'], Component: lazy(() => import('./notice/ReconfirmTab')) },
  { key: 'government', label: '市政府审定', roles: ['government'], Component: lazy(() => import('./GovernmentTab')) },
  { key: 'publish', label: '公布', roles: ['office'], Component: lazy(() => import('./PublishTab')) },
  { key: 'awards', label: '证书与奖金', roles: ['office'], Component: lazy(() => import('./awards/AwardsTab')) },
];
