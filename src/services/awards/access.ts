import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { applications, winners } from '../../db/schema/index.js';
import { hasRole, type Role } from '../../domain/roles.js';
import type { ServiceContext, TxContext } from '../context.js';
import { notFound, ServiceError } from '../errors.js';
import { requireRole } from '../require-role.js';

type WinnerRow = typeof winners.$inferSelect;

/** Who sees every winner's certificate, items and money: the office keeps them, the deciders may read. */
export const AWARD_READERS: readonly Role[] = ['office', 'leadership', 'government'];

export function requireSignedIn(ctx: ServiceContext | TxContext) {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  return ctx.actor;
}

export function requireOffice(ctx: ServiceContext | TxContext): void {
  requireRole(ctx, 'office', '只有强市办可以进行此操作');
}

export function requireAwardReader(ctx: ServiceContext | TxContext): void {
  const actor = requireSignedIn(ctx);
  if (!AWARD_READERS.some((role) => hasRole(actor, role))) throw new ServiceError('wrong_role', '当前角色无权查看获奖者的奖励与奖金');
}

/**
 * The winner when the caller may see it: a reader role, or the applicant of the winner's own
 * application. Anyone else gets a 404 and does not learn that it exists.
 */
export async function loadWinnerFor(ctx: ServiceContext | TxContext, db: DbOrTx, winnerId: string): Promise<{ winner: WinnerRow; isOwner: boolean }> {
  const actor = requireSignedIn(ctx);
  const [row] = await db.select({ winner: winners, applicantUserId: applications.applicantUserId }).from(winners).leftJoin(applications, eq(applications.id, winners.applicationId)).where(eq(winners.id, winnerId));
  if (!row) throw notFound('获奖记录');
  const isOwner = row.applicantUserId !== null && row.applicantUserId === actor.userId;
  if (!isOwner && !AWARD_READERS.some((role) => hasRole(actor, role))) throw notFound('获奖记录');
  return { winner: row.winner, isOwner };
}
