import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organisations, sessions, users } from '../../db/schema/index.js';
import type { Actor, Role } from '../../domain/roles.js';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: string | null;
  organisationName: string | null;
}

export interface ActiveSession {
  user: SessionUser;
  actor: Actor;
  csrfToken: string;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openSession(
  db: Db,
  userId: string,
  now: Date,
  absoluteMs: number,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + absoluteMs),
  });
  return { token, csrfToken };
}

/** Writing last_seen on every request would turn each read into a write; a minute's slack is enough. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves a cookie token to a live session: not revoked, within the absolute lifetime,
 * idle for less than the idle timeout, and its user still active. One indexed query.
 */
export async function resolveSession(db: Db, token: string, now: Date, idleMs: number): Promise<ActiveSession | null> {
  const hashed = tokenHash(token);
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      csrfToken: sessions.csrfToken,
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      organisationId: users.organisationId,
      organisationName: organisations.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.tokenHash, hashed), isNull(sessions.revokedAt), eq(users.active, true)))
    .limit(1);
  if (!row) return null;
  if (row.expiresAt <= now || now.getTime() - row.lastSeenAt.getTime() > idleMs) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, hashed));
  }
  const user: SessionUser = {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
    organisationId: row.organisationId,
    organisationName: row.organisationName,
  };
  return { user, csrfToken: row.csrfToken, actor: { userId: row.id, roles: user.roles, organisationId: user.organisationId } };
}

export async function revokeSession(db: Db, token: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, tokenHash(token)));
}

export async function revokeUserSessions(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Housekeeping: drop sessions that can no longer be used. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.expiresAt} < ${now} OR ${sessions.revokedAt} IS NOT NULL`);
}
