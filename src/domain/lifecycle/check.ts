import { ROLE_LABELS, type Role } from '../roles.js';
import { GUARDS, type GuardName, type LifecycleContext } from './guards.js';
import { STATE_LABELS, isApplicationState, type ApplicationState } from './states.js';
import { APPLICANT_ROLES, type LifecycleTable, type Transition } from './types.js';

export type TransitionRefusalReason = 'unknown_state' | 'final_state' | 'not_allowed' | 'wrong_role' | 'procedure_only' | 'guard_failed' | 'reason_required';

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; reason: TransitionRefusalReason; message: string; guard?: GuardName };

export interface TransitionRequest {
  from: string;
  to: string;
  /** Every role the caller holds. */
  roles: readonly Role[];
  context: LifecycleContext;
  reason?: string | null;
  /** Who asks: a person (the default) may not take a procedure step. */
  by?: 'actor' | 'procedure';
}

/**
 * The roles that may take `transition` for this application: applicant roles only
 * count for the matching applicant kind (a unit's application is not an individual's).
 */
export function effectiveRoles(transition: Transition, context: Pick<LifecycleContext, 'applicantKind'>): Role[] {
  const own: Role = context.applicantKind === 'unit' ? 'applicant_unit' : 'applicant_individual';
  return transition.roles.filter((r) => !(APPLICANT_ROLES as readonly Role[]).includes(r) || r === own);
}

export function findTransition(table: LifecycleTable, from: ApplicationState, to: ApplicationState): Transition | undefined {
  return table.transitions.find((tr) => tr.from === from && tr.to === to);
}

/** The step `action` leads out of `from`, if the table has one (actions are unique per state). */
export function findAction(table: LifecycleTable, from: string, action: string): Transition | undefined {
  return table.transitions.find((tr) => tr.from === from && tr.action === action);
}

/** The first guard of `transition` that fails, or null. */
export function failingGuard(transition: Transition, context: LifecycleContext): GuardName | null {
  return transition.guards.find((g) => !GUARDS[g].test(context)) ?? null;
}

/**
 * Decides whether a caller holding `roles` may move an application from `from` to `to`.
 * Checks, in order: both states exist in this table, `from` is not final, the move is in
 * the table, a role fits, every guard holds, a reason is given when required.
 * Pure: persisting the change (UPDATE … WHERE state = $from), history and audit are the
 * service layer's job.
 */
export function checkTransition(table: LifecycleTable, request: TransitionRequest): TransitionCheck {
  const { from, to, roles, context } = request;
  for (const s of [from, to]) {
    if (!isApplicationState(s) || !table.states.includes(s)) {
      return { ok: false, reason: 'unknown_state', message: `本届流程中不存在状态“${s}”` };
    }
  }
  const f = from as ApplicationState;
  const t = to as ApplicationState;
  if (table.finalStates.includes(f)) {
    return { ok: false, reason: 'final_state', message: `申报已处于终态“${STATE_LABELS[f]}”，不能再变更` };
  }
  const transition = findTransition(table, f, t);
  if (!transition) {
    return { ok: false, reason: 'not_allowed', message: `流程不允许从“${STATE_LABELS[f]}”变更为“${STATE_LABELS[t]}”` };
  }
  if (transition.trigger === 'procedure' && (request.by ?? 'actor') === 'actor') {
    return { ok: false, reason: 'procedure_only', message: `“${transition.label}”由流程自动完成${transition.decision ? '（依据记录的决定）' : ''}，不能手动操作` };
  }
  const allowed = effectiveRoles(transition, context);
  if (!roles.some((r) => allowed.includes(r))) {
    const who = allowed.map((r) => ROLE_LABELS[r]).join('、');
    return { ok: false, reason: 'wrong_role', message: `“${transition.label}”只能由${who}操作` };
  }
  const guard = failingGuard(transition, context);
  if (guard) {
    return { ok: false, reason: 'guard_failed', guard, message: `不能${transition.label}：${GUARDS[guard].refusal(context)}` };
  }
  if (transition.reasonRequired && !(request.reason ?? '').trim()) {
    return { ok: false, reason: 'reason_required', message: `“${transition.label}”须填写理由` };
  }
  return { ok: true, transition };
}

export interface AvailableTransition {
  transition: Transition;
  /** False when a guard fails; the button is shown disabled with `blockedBy`. */
  enabled: boolean;
  blockedBy: { guard: GuardName; message: string } | null;
}

/**
 * The moves out of `state` that a caller holding `roles` may take, for the UI's buttons.
 * Moves blocked only by a guard are listed disabled with the reason; moves of other
 * roles are not listed. A required reason is the UI's to ask for (transition.reasonRequired).
 */
export function availableTransitions(
  table: LifecycleTable,
  state: ApplicationState,
  roles: readonly Role[],
  context: LifecycleContext,
): AvailableTransition[] {
  return table.transitions
    .filter((tr) => tr.from === state && tr.trigger === 'actor' && roles.some((r) => effectiveRoles(tr, context).includes(r)))
    .map((transition) => {
      const guard = failingGuard(transition, context);
      return {
        transition,
        enabled: guard === null,
        blockedBy: guard ? { guard, message: GUARDS[guard].refusal(context) } : null,
      };
    });
}
