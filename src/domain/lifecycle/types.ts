import type { Role } from '../roles.js';
import type { TechnicalStage } from '../profile/schema.js';
import type { DecisionKind, DecisionOutcome } from './decisions.js';
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
  'returnToCommittee',
  'removeAfterObjection',
  'publishAward',
  'publishNomination',
  'revoke',
  'exclude',
  'withdraw',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/**
 * What a step records beyond the reason; the zod schema of each lives in the contract
 * (src/contract/actions.ts), so the server validates and the browser renders the same form.
 */
export const PAYLOAD_NAMES = ['countyOpinion', 'correction'] as const;
export type PayloadName = (typeof PAYLOAD_NAMES)[number];

/**
 * Side effects a step has besides the state change, run by the engine in the same
 * transaction (implementations: src/services/applications/effects.ts).
 */
export const EFFECT_NAMES = [
  'stampSubmission',
  'snapshotVersion',
  'notifyCounty',
  'recordCountyOpinion',
  'notifyOffice',
  'notifyApplicant',
  'setCorrectionDeadline',
  'openQualificationTasks',
  'recordWinner',
  'markWinnerRevoked',
] as const;
export type EffectName = (typeof EFFECT_NAMES)[number];

/**
 * Who starts a step: a person of one of `roles` ('actor'), or the procedure itself once its
 * guards hold or a recorded decision names the application ('procedure'). An actor can never
 * take a procedure step by hand.
 */
export type Trigger = 'actor' | 'procedure';

export interface Transition {
  from: ApplicationState;
  to: ApplicationState;
  action: TransitionAction;
  /** Button text / diagram label, Chinese. */
  label: string;
  trigger: Trigger;
  /** Roles that may take it (for a procedure step: on whose behalf it runs). Applicant roles only count for the matching applicant kind. */
  roles: readonly Role[];
  /** Named predicates over the application's facts; all must hold. */
  guards: readonly GuardName[];
  reasonRequired: boolean;
  /** The payload field that is the step's reason (e.g. a county's opinion), when it has one. */
  reasonField?: string;
  payload?: PayloadName;
  effects: readonly EffectName[];
  /** A procedure step taken when a recorded decision of this kind gives one of these outcomes. */
  decision?: { kind: DecisionKind; outcomes: readonly DecisionOutcome[] };
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
