export {
  APPLICATION_STATES,
  STATE_LABELS,
  STATE_META,
  EDITION_PHASES,
  stateLabel,
  type StateMeta,
  type EditionPhase,
  FINAL_STATES,
  STAGE_STATES,
  STAGE_LABELS,
  WITHDRAWABLE_STATES,
  isFinalState,
  isApplicationState,
  type ApplicationState,
  type FinalState,
} from './states.js';
export { GUARDS, GUARD_NAMES, FACT_NAMES, type FactName, type Guard, type GuardName, type LifecycleContext } from './guards.js';
export { APPLICANT_ROLES, TRANSITION_ACTIONS, PAYLOAD_NAMES, EFFECT_NAMES, type LifecycleTable, type Transition, type TransitionAction, type PayloadName, type EffectName, type Trigger } from './types.js';
export { buildLifecycle } from './table.js';
export { DECISION_KINDS, DECISION_KIND_NAMES, OUTCOME_LABELS, isOutcomeOf, type DecisionKind, type DecisionOutcome } from './decisions.js';
export { validateLifecycle, LifecycleTableError } from './validate.js';
export {
  checkTransition,
  availableTransitions,
  effectiveRoles,
  findTransition,
  findAction,
  type TransitionCheck,
  type TransitionRefusalReason,
  type TransitionRequest,
  type AvailableTransition,
} from './check.js';
export { renderLifecycleMermaid, renderLifecycleMarkdown } from './mermaid.js';
