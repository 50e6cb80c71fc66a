import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The session cache (services/auth/session-cache.ts) mirrors rows of `sessions`, `users` and
 * `organisations`. Every write to those tables is listed here, either as routed through
 * services/auth/session-invalidation.ts or with the reason a cached session cannot be made
 * wrong by it. A new write fails this test until someone has decided which it is.
 */
const ROUTED = 'routed through invalidateSessions in the same transaction';
const KNOWN_WRITES: Record<string, string> = {
  'src/services/users.ts: .insert(users)': 'a new account has no session yet',
  'src/services/users.ts: await tctx.tx.update(users).set(next).where(eq(users.id, id));': ROUTED,
  'src/services/users.ts: await tctx.tx.update(users).set({ lockedUntil: null, failedLogins: 0 }).where(eq(users.id, id));': ROUTED,
  'src/services/seed/demo.ts: const [row] = await tctx.tx.insert(organisations).values(org).returning();': 'a new organisation has no members yet',
  'src/services/seed/demo.ts: if (account.identityCode) await tctx.tx.update(users).set({ identityCode: account.identityCode, email: `${account.username}@demo.example` }).where(eq(users.id, userId));':
    'identity code and e-mail are not part of a session',
  'src/services/seed/directory.ts: const [row] = await tctx.tx.insert(organisations).values(org).returning();': 'a new organisation has no members yet',
  "src/services/seed/demo/profile.ts: const [org] = await tctx.tx.insert(organisations).values({ kind: 'department', name: d.name, code: d.code }).returning();": 'a new organisation has no members yet',
  'src/services/auth/sessions.ts: await db.insert(sessions).values({': 'a new session is not cached until looked up',
  "src/services/auth/sessions.ts: build: (db) => db.update(sessions).set({ lastSeenAt: sql`${sql.placeholder('now')}` }).where(eq(sessions.tokenHash, sql.placeholder('hash'))),":
    'the touch: the cache keeps last_seen itself and defers to the database when it thinks a session idle',
  'src/services/auth/sessions.ts: await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, hashed));': ROUTED,
  'src/services/auth/sessions.ts: .update(sessions)': ROUTED,
  'src/services/auth/sessions.ts: await db.delete(sessions).where(sql`${sessions.expiresAt} < ${now} OR ${sessions.revokedAt} IS NOT NULL`);':
    'only sessions already refused: revoked ones were invalidated when revoked, expired ones end on the same absolute time in the cache',
  'src/services/auth/throttle.ts: .update(users)': 'the failure counter is not part of a session',
  'src/services/auth/throttle.ts: await tctx.tx.update(users).set({ lockedUntil: until }).where(eq(users.id, subject.userId));': ROUTED,
  'src/services/auth/login.ts: await tctx.tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));':
    'a successful login clears the counter, which no session carries; the new session is not cached yet',
  'src/services/auth/login.ts: await tctx.tx.update(users).set({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));':
    ROUTED,
  'src/services/organisations.ts: .insert(organisations)': 'a new organisation has no members yet',
  'src/services/organisations.ts: .update(organisations)': ROUTED,
  "src/services/applications/registration.ts: const [org] = await tctx.tx.insert(organisations).values({ name: input.name, kind: 'applicant', code: identityCode }).returning();":
    'a new organisation has no members yet',
  'src/services/applications/registration.ts: await tctx.tx.update(users).set({ identityCode }).where(eq(users.id, id));': 'the identity code is not part of a session',
};

const WRITE = /\.(update|delete|insert)\((users|sessions|organisations)\)|\b(UPDATE|DELETE FROM|INSERT INTO|TRUNCATE)\s+"?(users|sessions|organisations)\b/;
/** Calls that reach invalidateSessions. */
const INVALIDATES = /invalidateSessions\(|revokeUserSessions\(|revokeSession\(/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full.endsWith(path.join('src', 'web')) ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('writes to the tables the session cache mirrors', () => {
  const found = new Map<string, string>();
  for (const file of sourceFiles('src')) {
    const text = fs.readFileSync(file, 'utf8');
    for (const line of text.split('\n')) if (WRITE.test(line)) found.set(`${file.split(path.sep).join('/')}: ${line.trim()}`, text);
  }

  it('are each routed through the invalidation or explained', () => {
    const unexplained = [...found.keys()].filter((key) => !(key in KNOWN_WRITES));
    expect(unexplained, 'route these through invalidateSessions (services/auth/session-invalidation.ts) or add them with the reason').toEqual([]);
  });

  it('the routed ones sit in files that call the invalidation, and the list has no stale entry', () => {
    for (const [key, reason] of Object.entries(KNOWN_WRITES)) {
      expect(found.has(key), `listed but not found: ${key}`).toBe(true);
      if (reason === ROUTED) expect(INVALIDATES.test(found.get(key)!), key).toBe(true);
    }
  });
});
