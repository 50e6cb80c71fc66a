export {
  APPLICATION_STATES,
  STATE_LABELS,
  FINAL_STATES,
  STAGE_STATES,
  STAGE_LABELS,
  WITHDRAWABLE_STATES,
  isFinalState,
  isApplicationState,
  type ApplicationState,
  type FinalState,
} from './states.js';
export { GUARDS, GUARD_NAMES, type Guard, type GuardName, type LifecycleContext } from './guards.js';
export { APPLICANT_ROLES, TRANSITION_ACTIONS, type LifecycleTable, type Transition, type TransitionAction } from './types.js';
export { buildLifecycle } from './table.js';
export { validateLifecycle, LifecycleTableError } from './validate.js';
export {
  checkTransition,
  availableTransitions,
  effectiveRoles,
  findTransition,
  type TransitionCheck,
  type TransitionRefusalReason,
  type TransitionRequest,
  type AvailableTransition,
} from './check.js';
export { renderLifecycleMermaid, renderLifecycleMarkdown } from './mermaid.js';
