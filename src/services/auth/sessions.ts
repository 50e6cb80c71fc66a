import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection.js';
import { namedStatement } from '../../db/named-statement.js';
import { organisations, sessions, users } from '../../db/schema/index.js';
import type { Actor, Role } from '../../domain/roles.js';
import { sessionCacheOf, invalidateSessions } from './session-invalidation.js';
import type { CachedSession, SessionUser } from './session-cache.js';

export type { SessionUser } from './session-cache.js';

export interface ActiveSession {
  user: SessionUser;
  actor: Actor;
  csrfToken: string;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openSession(
  db: Db | Tx,
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
export const TOUCH_INTERVAL_MS = 60_000;

const lookupColumns = {
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
  csrfToken: sessions.csrfToken,
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  roles: users.roles,
  organisationId: users.organisationId,
  organisationName: organisations.name,
};
type LookupRow = { lastSeenAt: Date; expiresAt: Date; csrfToken: string; id: string; username: string; displayName: string; roles: string[]; organisationId: string | null; organisationName: string | null };

/** A live (not revoked) session of an active user: one indexed query, parsed and planned once. */
const lookupSession = namedStatement<LookupRow>({
  name: 'session_lookup',
  build: (db) =>
    db
      .select(lookupColumns)
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(sessions.revokedAt), eq(users.active, true))),
});

const touchSession = namedStatement<never>({
  name: 'session_touch',
  build: (db) => db.update(sessions).set({ lastSeenAt: sql`${sql.placeholder('now')}` }).where(eq(sessions.tokenHash, sql.placeholder('hash'))),
});

const present = (entry: CachedSession): ActiveSession => {
  // Copies: a request that changed its actor must not change the cache.
  const user = { ...entry.user, roles: [...entry.user.roles] };
  return { user, csrfToken: entry.csrfToken, actor: { userId: user.id, roles: [...user.roles], organisationId: user.organisationId } };
};

/** Entries being touched, so that concurrent requests of one session write last_seen once. */
const touching = new WeakMap<CachedSession, Promise<void>>();

async function touchCached(db: Db, hashed: string, entry: CachedSession, now: Date): Promise<void> {
  let pending = touching.get(entry);
  if (!pending) {
    pending = touchSession(db, { hash: hashed, now: now.toISOString() }).then(
      () => {
        if (entry.lastSeenAt < now) entry.lastSeenAt = now;
      },
    );
    touching.set(entry, pending);
    pending.finally(() => touching.delete(entry)).catch(() => undefined);
  }
  await pending;
}

/**
 * Resolves a cookie token to a live session: not revoked, within the absolute lifetime,
 * idle for less than the idle timeout, and its user still active.
 *
 * With a session cache attached (session-invalidation.ts) a hit answers without a query and
 * decides exactly as the query would: the absolute end is the same; the idle check uses
 * last_seen as this process knows it, which is never later than the database's — so when the
 * cache thinks a session idle too long, the database decides (another process may have
 * seen it since); last_seen is written on the same one-minute rule as without the cache.
 */
export function resolveSession(db: Db, token: string, now: Date, idleMs: number): ActiveSession | null | Promise<ActiveSession | null> {
  const hashed = tokenHash(token);
  const cache = sessionCacheOf(db);
  const hit = cache?.get(hashed);
  if (hit) {
    if (hit.expiresAt <= now) {
      cache!.forget(hashed);
      return null;
    }
    const idle = now.getTime() - hit.lastSeenAt.getTime();
    if (idle <= idleMs) {
      // The common case answers synchronously: no promise on the hot path (every /api request).
      if (idle > TOUCH_INTERVAL_MS) return touchCached(db, hashed, hit, now).then(() => present(hit));
      return present(hit);
    }
    cache!.forget(hashed);
  }
  return sessionFromDatabase(db, hashed, now, idleMs);
}

/** The session from the database (a cache miss), cached for the next request. */
async function sessionFromDatabase(db: Db, hashed: string, now: Date, idleMs: number): Promise<ActiveSession | null> {
  const cache = sessionCacheOf(db);
  const ticket = cache?.ticket() ?? 0;
  const [row] = await lookupSession(db, { hash: hashed });
  if (!row) return null;
  if (row.expiresAt <= now || now.getTime() - row.lastSeenAt.getTime() > idleMs) return null;
  let lastSeenAt = row.lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(db, { hash: hashed, now: now.toISOString() });
    lastSeenAt = now;
  }
  const user: SessionUser = {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
    organisationId: row.organisationId,
    organisationName: row.organisationName,
  };
  const entry: CachedSession = { user, actor: { userId: user.id, roles: user.roles, organisationId: user.organisationId }, csrfToken: row.csrfToken, lastSeenAt, expiresAt: row.expiresAt };
  cache?.store(hashed, entry, ticket);
  return present(entry);
}

export async function revokeSession(tx: Tx, token: string, now: Date): Promise<void> {
  const hashed = tokenHash(token);
  await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, hashed));
  await invalidateSessions(tx, { kind: 'token', tokenHash: hashed });
}

export async function revokeUserSessions(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  await invalidateSessions(tx, { kind: 'user', userId });
}

/**
 * Housekeeping: drop sessions that can no longer be used. No invalidation: a cached copy of
 * a revoked session is gone already (its revocation invalidated it), and an expired one is
 * refused by the cache on the same absolute end.
 */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.expiresAt} < ${now} OR ${sessions.revokedAt} IS NOT NULL`);
}
