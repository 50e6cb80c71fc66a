import { hasRole, type Role } from '../domain/roles.js';
import type { ServiceContext, TxContext } from './context.js';
import { ServiceError } from './errors.js';

/**
 * The one check of "signed in, and holding this role" that services make before acting for a
 * body: 401 for the public, 403 with the caller's own Chinese reason otherwise; the user's id back.
 */
export function requireRole(ctx: Pick<ServiceContext | TxContext, 'actor'>, role: Role, refusal: string): string {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!hasRole(ctx.actor, role)) throw new ServiceError('wrong_role', refusal);
  return ctx.actor.userId;
}
