import { and, eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { passwordProblem } from '../../domain/password-rules.js';
import type { Role } from '../../domain/roles.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { invalid, ServiceError } from '../errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { openSession, revokeSession, revokeUserSessions } from './sessions.js';

const badCredentials = () => new ServiceError('invalid_credentials', '用户名或密码错误');

function lockedError(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new ServiceError('account_locked', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`);
}

/**
 * Password login. After `maxFailures` consecutive failures the account is locked for
 * `lockMs`; the counter lives in the database so every app process sees it.
 */
export async function login(ctx: ServiceContext, input: { username: string; password: string }) {
  const now = ctx.now();
  const [user] = await ctx.db.select().from(users).where(eq(users.username, input.username)).limit(1);
  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw badCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, now);

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const { maxFailures, lockMs } = ctx.config.login;
    const [after] = await ctx.db
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins });
    if (after && after.failedLogins >= maxFailures) {
      const until = new Date(now.getTime() + lockMs);
      await ctx.db.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, user.id));
      throw lockedError(until, now);
    }
    throw badCredentials();
  }

  const actor = { userId: user.id, roles: user.roles as Role[], organisationId: user.organisationId };
  const session = await inTransaction({ ...ctx, actor }, async (tctx) => {
    await tctx.tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const opened = await openSession(tctx.tx as never, user.id, now, ctx.config.session.absoluteMs);
    await recordAudit(tctx, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return opened;
  });
  return { ...session, userId: user.id };
}

export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  await revokeSession(ctx.db, token, ctx.now());
}

export async function changePassword(
  ctx: ServiceContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  const userId = ctx.actor.userId;
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalid([{ field: 'currentPassword', message: '当前密码不正确' }]);
  }
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw invalid([{ field: 'newPassword', message: problem }]);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tctx) => {
    await tctx.tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: ctx.now() })
      .where(and(eq(users.id, userId)));
    await recordAudit(tctx, { action: 'user.password', entityType: 'user', entityId: userId });
  });
  await revokeUserSessions(ctx.db, userId, ctx.now());
}
