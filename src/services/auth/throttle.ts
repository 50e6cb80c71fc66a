import { eq, sql } from 'drizzle-orm';
import { rateLimits, users } from '../../db/schema/index.js';
import { loginDelayMs, waitInWords, type DelayPolicy } from '../../domain/login-delay.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { invalidateSessions } from './session-invalidation.js';

/**
 * Failure counting for password checks (login and the current password on a password
 * change), shared by all app processes through the database. An existing, active account
 * keeps its count in users.failed_logins and the end of its delay in users.locked_until;
 * a username that names no active account keeps the same two facts in a rate_limits row
 * (`login-failures:<username>`, hits = failures, window_start = end of the delay), so both
 * follow one schedule (domain/login-delay.ts) and answer alike. Each failure is written
 * with its audit records in a small transaction of its own (there is no change to join).
 */
export type Subject =
  | { kind: 'user'; userId: string; username: string }
  | { kind: 'unknown'; username: string }
  /** A browser that signed in to this account before (auth/device-cookie.ts): its own count. */
  | { kind: 'device'; userId: string; username: string; device: string };

const unknownKey = (username: string) => `login-failures:${username}`;
const deviceKey = (device: string) => `login-device:${device}`;
/** The rate_limits row counting a subject's failures (an account counts on its users row). */
const counterKey = (s: Exclude<Subject, { kind: 'user' }>) => (s.kind === 'device' ? deviceKey(s.device) : unknownKey(s.username));

export function delayPolicy(ctx: ServiceContext): DelayPolicy {
  return { freeFailures: ctx.config.login.maxFailures, maxDelayMs: ctx.config.login.lockMs };
}

/** The end of the delay an unknown username is under, if any. */
export async function unknownDelayEnd(ctx: ServiceContext, username: string): Promise<Date | null> {
  return counterDelayEnd(ctx, unknownKey(username));
}

/** The end of the delay a trusted browser is under, if any (its failures never delay the account). */
export async function deviceDelayEnd(ctx: ServiceContext, device: string): Promise<Date | null> {
  return counterDelayEnd(ctx, deviceKey(device));
}

/** A success from a trusted browser clears its own count. */
export async function clearDeviceFailures(ctx: ServiceContext, device: string): Promise<void> {
  await ctx.db.delete(rateLimits).where(eq(rateLimits.key, deviceKey(device)));
}

async function counterDelayEnd(ctx: ServiceContext, key: string): Promise<Date | null> {
  const [row] = await ctx.db.select().from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
  return row && row.hits >= ctx.config.login.maxFailures ? row.windowStart : null;
}

const auditTarget = (s: Subject) => (s.kind === 'unknown' ? { entityType: 'login', entityId: s.username } : { entityType: 'user', entityId: s.userId });

/**
 * Counts one failed password check and starts (or lengthens) the delay when the schedule
 * says so. Returns the end of the delay now in force, or null. Never records the password.
 */
export async function countFailure(ctx: ServiceContext, subject: Subject, context: 'login' | 'password'): Promise<Date | null> {
  const now = ctx.now();
  return inTransaction(ctx, async (tctx) => {
    let failures: number;
    if (subject.kind === 'user') {
      const [row] = await tctx.tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, subject.userId))
        .returning({ failedLogins: users.failedLogins });
      failures = row?.failedLogins ?? 1;
    } else {
      const [row] = await tctx.tx
        .insert(rateLimits)
        .values({ key: counterKey(subject), windowStart: now, hits: 1 })
        .onConflictDoUpdate({ target: rateLimits.key, set: { hits: sql`${rateLimits.hits} + 1` } })
        .returning({ hits: rateLimits.hits });
      failures = row.hits;
    }
    const delay = loginDelayMs(failures, delayPolicy(ctx));
    const until = delay > 0 ? new Date(now.getTime() + delay) : null;
    if (subject.kind === 'user') {
      await tctx.tx.update(users).set({ lockedUntil: until }).where(eq(users.id, subject.userId));
      // The lock is not part of a session today; routed anyway so that a lookup that starts to
      // care about it cannot be served a stale copy.
      if (until) await invalidateSessions(tctx.tx, { kind: 'user', userId: subject.userId });
    } else await tctx.tx.update(rateLimits).set({ windowStart: until ?? now }).where(eq(rateLimits.key, counterKey(subject)));
    const target = auditTarget(subject);
    const trusted = subject.kind === 'device' ? { trustedDevice: true } : {};
    await recordAudit(tctx, { action: 'auth.failed', ...target, after: { username: subject.username, context, failures, ...trusted } });
    if (until) await recordAudit(tctx, { action: 'auth.delayed', ...target, after: { username: subject.username, context, failures, until, ...trusted } });
    return until;
  });
}

/** Audits an attempt refused because its delay has not ended (not counted: it changes nothing). */
export async function recordRefusedAttempt(ctx: ServiceContext, subject: Subject, context: 'login' | 'password', until: Date): Promise<void> {
  await inTransaction(ctx, (tctx) =>
    recordAudit(tctx, { action: 'auth.failed', ...auditTarget(subject), after: { username: subject.username, context, refused: 'delayed', until } }),
  );
}

/**
 * The answer while a login is delayed. It is the same for existing and unknown usernames
 * (401, one code) and says only how long to wait, never whether the account exists.
 */
export function loginDelayed(until: Date, now: Date): ServiceError {
  return new ServiceError('login_delayed', `用户名或密码错误次数过多，请 ${waitInWords(until.getTime() - now.getTime())}后再试`);
}
