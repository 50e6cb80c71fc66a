import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { waitInWords } from '../../domain/login-delay.js';
import { passwordProblem } from '../../domain/password-rules.js';
import type { Role } from '../../domain/roles.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { invalid, ServiceError } from '../errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { openSession, revokeSession, revokeUserSessions } from './sessions.js';
import { issueDeviceToken, trustedDevice } from './device-cookie.js';
import { clearDeviceFailures, countFailure, deviceDelayEnd, loginDelayed, recordRefusedAttempt, unknownDelayEnd, type Subject } from './throttle.js';

const badCredentials = () => new ServiceError('invalid_credentials', '用户名或密码错误');

/**
 * Password login. Unknown usernames, inactive accounts and wrong passwords get one answer
 * (401 invalid_credentials, after the same argon2 work); repeated failures bring progressive
 * delays (domain/login-delay.ts), announced alike for existing and unknown usernames
 * (401 login_delayed). There is no lock a stranger could set: after the delay the right
 * password signs in, and a browser that signed in to the account before (`deviceToken`,
 * auth/device-cookie.ts) is under its own count, never the account's. Failures, delays and
 * refusals are audited (services/auth/throttle.ts).
 */
export async function login(ctx: ServiceContext, input: { username: string; password: string }, deviceToken?: string) {
  const now = ctx.now();
  const [found] = await ctx.db.select().from(users).where(eq(users.username, input.username)).limit(1);
  const user = found?.active ? found : null;
  const device = user ? trustedDevice(ctx.config, deviceToken, user.id) : null;
  const subject: Subject = !user
    ? { kind: 'unknown', username: input.username }
    : device
      ? { kind: 'device', userId: user.id, username: user.username, device }
      : { kind: 'user', userId: user.id, username: user.username };
  const delayEnd = !user ? await unknownDelayEnd(ctx, input.username) : device ? await deviceDelayEnd(ctx, device) : user.lockedUntil;
  if (delayEnd && delayEnd > now) {
    await recordRefusedAttempt(ctx, subject, 'login', delayEnd);
    throw loginDelayed(delayEnd, now);
  }

  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyPasswordHash(), input.password)) && false;
  if (!user || !passwordOk) {
    const until = await countFailure(ctx, subject, 'login');
    throw until ? loginDelayed(until, now) : badCredentials();
  }

  const actor = { userId: user.id, roles: user.roles as Role[], organisationId: user.organisationId };
  const session = await inTransaction({ ...ctx, actor }, async (tctx) => {
    await tctx.tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const opened = await openSession(tctx.tx as never, user.id, now, ctx.config.session.absoluteMs);
    // A success ends any delay: the cleared count is noted on the login record.
    const after = user.failedLogins > 0 ? { failuresCleared: user.failedLogins } : undefined;
    await recordAudit(tctx, { action: 'auth.login', entityType: 'user', entityId: user.id, after });
    return opened;
  });
  if (device) await clearDeviceFailures(ctx, device);
  return { ...session, userId: user.id, deviceToken: issueDeviceToken(ctx.config, user.id, device ?? undefined) };
}

export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  await inTransaction(ctx, (tctx) => revokeSession(tctx.tx, token, ctx.now()));
}

/**
 * Changes the caller's password. A wrong current password counts as a failed login of the
 * account (same counter and delays), so a stolen session cannot be used to guess it.
 */
export async function changePassword(
  ctx: ServiceContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  const userId = ctx.actor.userId;
  const now = ctx.now();
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new ServiceError('unauthenticated', '请先登录');
  const subject: Subject = { kind: 'user', userId, username: user.username };
  if (user.lockedUntil && user.lockedUntil > now) {
    await recordRefusedAttempt(ctx, subject, 'password', user.lockedUntil);
    throw new ServiceError('too_many_requests', `当前密码错误次数过多，请 ${waitInWords(user.lockedUntil.getTime() - now.getTime())}后再试`);
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await countFailure(ctx, subject, 'password');
    throw invalid([{ field: 'currentPassword', message: '当前密码不正确' }]);
  }
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw invalid([{ field: 'newPassword', message: problem }]);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tctx) => {
    await tctx.tx.update(users).set({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
    await recordAudit(tctx, { action: 'user.password', entityType: 'user', entityId: userId });
    await revokeUserSessions(tctx.tx, userId, now);
  });
}
