import type { Role } from '../roles.js';
import type { TechnicalStage } from '../profile/schema.js';
import type { GuardName } from './guards.js';
import type { ApplicationState } from './states.js';

export const TRANSITION_ACTIONS = [
  'submit',
  'recommend',
  'notRecommend',
  'accept',
  'returnForCorrection',
  'resubmit',
  'reject',
  'startQualificationReview',
  'qualify',
  'disqualify',
  'startTechnicalReview',
  'advance',
  'notAdvance',
  'reportTechnicalResults',
  'startSurvey',
  'proposeCandidate',
  'notSelect',
  'committeePropose',
  'leadershipApprove',
  'startNotice',
  'governmentApprove',
  'notAward',
  'publishAward',
  'publishNomination',
  'revoke',
  'withdraw',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

export interface Transition {
  from: ApplicationState;
  to: ApplicationState;
  action: TransitionAction;
  /** Button text / diagram label, Chinese. */
  label: string;
  /** Roles that may take it. Applicant roles only count for the matching applicant kind. */
  roles: readonly Role[];
  /** Named predicates over LifecycleContext; all must hold. */
  guards: readonly GuardName[];
  reasonRequired: boolean;
  /** The Measures' article it implements. */
  article: string;
}

export interface LifecycleTable {
  profileCode: string;
  technicalStages: readonly TechnicalStage[];
  initial: 'draft';
  states: readonly ApplicationState[];
  finalStates: readonly ApplicationState[];
  transitions: readonly Transition[];
}

export const APPLICANT_ROLES = ['applicant_unit', 'applicant_individual'] as const satisfies readonly Role[];
