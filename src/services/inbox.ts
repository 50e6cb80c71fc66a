import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Inbox } from '../contract/intake.js';
import { notifications } from '../db/schema/index.js';
import type { ServiceContext } from './context.js';
import { notFound, ServiceError } from './errors.js';

export async function myInbox(ctx: ServiceContext): Promise<Inbox> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  const mine = eq(notifications.userId, ctx.actor.userId);
  const [items, [unread]] = await Promise.all([
    ctx.db.select().from(notifications).where(mine).orderBy(desc(notifications.createdAt)).limit(100),
    ctx.db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))),
  ]);
  const present = ({ userId: _userId, createdAt, readAt, ...n }: (typeof items)[number]) => ({ ...n, createdAt: createdAt.toISOString(), readAt: readAt?.toISOString() ?? null });
  return { items: items.map(present), unread: Number(unread.n) };
}

/** Reading one's own notice is bookkeeping, not a change of the award's record: no audit row. */
export async function markRead(ctx: ServiceContext, id: string) {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  const [row] = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, ctx.actor.userId)))
    .returning({ id: notifications.id });
  if (!row) throw notFound('通知');
}

/** Marks every unread notice of the caller read; answers how many changed. */
export async function markAllRead(ctx: ServiceContext): Promise<{ marked: number }> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: rows.length };
}
