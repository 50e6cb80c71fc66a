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
  | 'separation_of_duties';

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
