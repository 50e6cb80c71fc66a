import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { editions, experts, ruleProfiles } from '../../db/schema/index.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import { hasRole } from '../../domain/roles.js';
import { handleOf, type ServiceContext, type TxContext } from '../context.js';
import { notFound, ServiceError } from '../errors.js';

export type ExpertRow = typeof experts.$inferSelect;
export type EditionRow = typeof editions.$inferSelect;

/** The agency the caller works for; only the agency's own accounts reach its pool and panels. */
export function requireAgency(ctx: ServiceContext | TxContext): string {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!hasRole(ctx.actor, 'agency')) throw new ServiceError('wrong_role', '只有第三方评价机构可以进行此操作');
  if (!ctx.actor.organisationId) throw new ServiceError('wrong_role', '账号未隶属于第三方评价机构');
  return ctx.actor.organisationId;
}

/** The pool record of the expert who is calling, or a refusal. */
export async function requireExpert(ctx: ServiceContext | TxContext): Promise<ExpertRow> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  if (!hasRole(ctx.actor, 'expert')) throw new ServiceError('wrong_role', '只有评审专家可以进行此操作');
  const [row] = await handleOf(ctx).select().from(experts).where(eq(experts.userId, ctx.actor.userId));
  if (!row) throw new ServiceError('not_assigned', '账号尚未登记在评价机构的专家库中');
  return row;
}

/** An edition and its rule profile, or a 404. */
export async function loadEdition(db: DbOrTx, editionId: string): Promise<{ edition: EditionRow; profile: RuleProfile }> {
  const [row] = await db
    .select({ edition: editions, profile: ruleProfiles.rules })
    .from(editions)
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
    .where(eq(editions.id, editionId));
  if (!row) throw notFound('届次');
  return row;
}
