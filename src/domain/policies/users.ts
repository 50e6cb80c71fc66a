import type { Actor, Role } from '../roles.js';
import { EXCLUSIVE_OPERATOR_ROLES, ROLE_LABELS } from '../roles.js';
import { allow, refuse, requireRole, type Decision, type Policy } from './decision.js';

export interface UserFacts {
  roles: readonly Role[];
}

/** One existing account, for decisions that depend on who it is and who else holds its duty. */
export interface AccountFacts extends UserFacts {
  id: string;
  active: boolean;
  /** An operator role of which this account is the last active holder, else null. */
  soleOperatorRole: Role | null;
}

const isOperator = (target: UserFacts) => target.roles.some((r) => EXCLUSIVE_OPERATOR_ROLES.includes(r));

/**
 * Separation of duties (等保): the system administrator manages business accounts; only the
 * security administrator grants or changes operator roles and unlocks operator accounts; the
 * audit administrator manages nobody.
 */
function canManage(actor: Actor | null, target: UserFacts): Decision {
  if (isOperator(target)) {
    const d = requireRole(actor, 'secadmin');
    return d.ok ? allow : refuse('separation_of_duties', '运维管理账号只能由安全管理员管理');
  }
  return requireRole(actor, 'sysadmin');
}

function canUnlock(actor: Actor | null, target: UserFacts): Decision {
  if (isOperator(target)) {
    const d = requireRole(actor, 'secadmin');
    return d.ok ? allow : refuse('separation_of_duties', '运维管理账号只能由安全管理员解除锁定');
  }
  return requireRole(actor, 'secadmin', 'sysadmin');
}

const notSelf = (actor: Actor | null, target: AccountFacts, message: string): Decision =>
  actor?.userId === target.id ? refuse('own_account', message) : allow;

const notLastHolder = (target: AccountFacts): Decision => {
  const role = target.soleOperatorRole;
  if (!role) return allow;
  const label = ROLE_LABELS[role];
  return refuse('last_operator', `该账号是最后一个在用的${label}账号，停用后将无人履行${label}职责；请先启用或新建另一个${label}账号`);
};

export const userPolicy: Policy<UserFacts, 'view' | 'update' | 'unlock'> = {
  view: (actor) => requireRole(actor, 'sysadmin', 'secadmin'),
  update: canManage,
  unlock: canUnlock,
};

/** Decisions on an existing account: nobody disables themselves, nobody leaves a duty without a holder. */
export const accountPolicy: Policy<AccountFacts, 'disable' | 'changeRoles'> = {
  disable: (actor, target) => {
    const managed = canManage(actor, target);
    if (!managed.ok) return managed;
    const self = notSelf(actor, target, '不能停用自己的账号');
    return self.ok ? notLastHolder(target) : self;
  },
  changeRoles: (actor, target) => {
    const managed = canManage(actor, target);
    if (!managed.ok) return managed;
    return notSelf(actor, target, '不能修改自己账号的角色');
  },
};

/** Whether giving `target` the roles `next` takes away an operator role it alone holds. */
export function roleChangeLeavesDutyEmpty(target: AccountFacts, next: readonly Role[]): Decision {
  if (!target.soleOperatorRole || next.includes(target.soleOperatorRole)) return allow;
  const label = ROLE_LABELS[target.soleOperatorRole];
  return refuse('last_operator', `该账号是最后一个在用的${label}账号，不能取消其${label}角色；请先启用或新建另一个${label}账号`);
}

export const userCollectionPolicy: Policy<UserFacts, 'create' | 'list'> = {
  list: (actor) => requireRole(actor, 'sysadmin', 'secadmin'),
  create: canManage,
};
