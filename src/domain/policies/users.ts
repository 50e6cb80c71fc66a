import type { Actor, Role } from '../roles.js';
import { EXCLUSIVE_OPERATOR_ROLES } from '../roles.js';
import { allow, refuse, requireRole, type Decision, type Policy } from './decision.js';

export interface UserFacts {
  roles: readonly Role[];
}

/**
 * Separation of duties (等保): the system administrator manages business accounts; only the
 * security administrator grants or changes operator roles (and unlocks accounts); the audit
 * administrator manages nobody.
 */
function canManage(actor: Actor | null, target: UserFacts): Decision {
  const touchesOperators = target.roles.some((r) => EXCLUSIVE_OPERATOR_ROLES.includes(r));
  if (touchesOperators) {
    const d = requireRole(actor, 'secadmin');
    return d.ok ? allow : refuse('separation_of_duties', '运维管理账号只能由安全管理员管理');
  }
  return requireRole(actor, 'sysadmin');
}

export const userPolicy: Policy<UserFacts, 'view' | 'update' | 'unlock'> = {
  view: (actor) => requireRole(actor, 'sysadmin', 'secadmin'),
  update: canManage,
  unlock: (actor) => requireRole(actor, 'secadmin', 'sysadmin'),
};

export const userCollectionPolicy: Policy<UserFacts, 'create' | 'list'> = {
  list: (actor) => requireRole(actor, 'sysadmin', 'secadmin'),
  create: canManage,
};
