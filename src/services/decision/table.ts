import type { CompositeTable } from '../../contract/decision.js';
import { decisionSettings } from '../../domain/profile/decision-settings.js';
import { hasRole, type Role } from '../../domain/roles.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { loadEdition } from '../technical/actors.js';
import { compositeScores } from './composite.js';

/** The bodies that propose, deliberate and decide read the composite table (Art. 16). */
const DECIDING_ROLES: readonly Role[] = ['office', 'committee', 'leadership', 'government'];

function requireDecidingRole(ctx: ServiceContext): void {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!DECIDING_ROLES.some((r) => hasRole(ctx.actor, r))) throw new ServiceError('wrong_role', '只有强市办、评审委员会、领导小组和市政府可以查看综合评分');
}

export async function compositeTable(ctx: ServiceContext, editionId: string): Promise<CompositeTable> {
  requireDecidingRole(ctx);
  const { profile } = await loadEdition(ctx.db, editionId);
  const settings = decisionSettings(profile);
  return { weights: profile.stageWeights, preferenceMode: profile.preference.mode, candidateLimit: settings.candidateLimit, rows: await compositeScores(ctx.db, editionId, profile) };
}
