import { hasRole, type Actor, type Role } from '../roles.js';

/** Why an action is refused; the UI shows the message, code branches on the reason. */
export type RefusalReason =
  | 'unauthenticated'
  | 'wrong_role'
  | 'wrong_stage'
  | 'deadline_passed'
  | 'conflict_of_interest'
  | 'not_assigned'
  | 'not_owner'
  | 'not_found'
  | 'already_decided'
  | 'no_objection'
  | 'separation_of_duties'
  | 'own_account'
  | 'last_operator';

export type Decision = { ok: true } | { ok: false; reason: RefusalReason; message: string };

export const allow: Decision = { ok: true };

export function refuse(reason: RefusalReason, message: string): Decision {
  return { ok: false, reason, message };
}

/** Small named predicates that policies combine. */
export function requireRole(actor: Actor | null, ...roles: Role[]): Decision {
  if (!actor) return refuse('unauthenticated', '请先登录');
  if (roles.some((r) => hasRole(actor, r))) return allow;
  return refuse('wrong_role', '当前角色无权执行此操作');
}

export function all(...decisions: Array<() => Decision>): Decision {
  for (const decide of decisions) {
    const d = decide();
    if (!d.ok) return d;
  }
  return allow;
}

/** A policy module: every action of one resource as a function of the actor and the resource. */
export type Policy<R, A extends string> = Record<A, (actor: Actor | null, resource: R) => Decision>;

/** The abilities object carried by API responses (ARCHITECTURE habit 4). */
export function abilities<R, A extends string>(
  policy: Policy<R, A>,
  actor: Actor | null,
  resource: R,
  actions: readonly A[] = Object.keys(policy) as A[],
): Record<A, boolean> {
  return Object.fromEntries(actions.map((a) => [a, policy[a](actor, resource).ok])) as Record<A, boolean>;
}

/** A policy decision as the API sends it: allowed, or the refusal's code and message, so the UI says why. */
export interface DecisionView {
  allowed: boolean;
  code: RefusalReason | null;
  message: string | null;
}

export function decisionView(decision: Decision): DecisionView {
  return decision.ok ? { allowed: true, code: null, message: null } : { allowed: false, code: decision.reason, message: decision.message };
}

/** Abilities with reasons: per action, the decision of the policy (HotCRP's PermissionProblem, Outline's policies). */
export function decisions<R, A extends string>(policy: Policy<R, A>, actor: Actor | null, resource: R, actions: readonly A[]): Record<A, DecisionView> {
  return Object.fromEntries(actions.map((a) => [a, decisionView(policy[a](actor, resource))])) as Record<A, DecisionView>;
}
