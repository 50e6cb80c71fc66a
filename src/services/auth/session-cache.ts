import type { Actor, Role } from '../../domain/roles.js';

/** The signed-in user as every authenticated request sees it. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: string | null;
  organisationName: string | null;
}

/**
 * What the session lookup found for one token, kept in memory so that an authenticated
 * request need not ask the database. Only the cache decides nothing the database would not:
 * see sessions.ts for how a hit is checked against the same timeouts.
 */
export interface CachedSession {
  user: SessionUser;
  actor: Actor;
  csrfToken: string;
  /** last_seen_at as the database holds it (this process's touches included). */
  lastSeenAt: Date;
  expiresAt: Date;
}

/** A change after which cached sessions may no longer match the database. */
export type SessionChange =
  | { kind: 'token'; tokenHash: string }
  | { kind: 'user'; userId: string }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'all' };

export interface SessionCacheStats {
  hits: number;
  misses: number;
  invalidations: number;
  size: number;
  enabled: boolean;
}

export const DEFAULT_SESSION_CACHE_SIZE = 10_000;

/**
 * A bounded LRU of resolved sessions keyed by the token's hash.
 *
 * Exactness rests on two rules:
 * - every change that could make an entry wrong calls `invalidate` (session-invalidation.ts);
 * - a lookup that read the database before an invalidation must not put its (possibly stale)
 *   answer in afterwards. Each lookup takes a `ticket` (the generation) before it reads; any
 *   invalidation or enable/disable moves the generation on, and `store` refuses old tickets.
 *
 * While disabled (PostgreSQL with no live LISTEN connection) nothing is served or stored.
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  private generation = 0;
  private enabled: boolean;
  private hits = 0;
  private misses = 0;
  private invalidations = 0;

  private readonly maxEntries: number;

  constructor(options: { enabled: boolean; maxEntries?: number }) {
    this.enabled = options.enabled;
    this.maxEntries = options.maxEntries ?? DEFAULT_SESSION_CACHE_SIZE;
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** The cached entry, most recently used from now on; undefined on a miss or while disabled. */
  get(tokenHash: string): CachedSession | undefined {
    const entry = this.enabled ? this.entries.get(tokenHash) : undefined;
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, entry);
    this.hits++;
    return entry;
  }

  /** Taken before reading the database; hand it back to `store`. */
  ticket(): number {
    return this.generation;
  }

  /** Keeps a freshly read entry unless something was invalidated since `ticket` was taken. */
  store(tokenHash: string, entry: CachedSession, ticket: number): boolean {
    if (!this.enabled || ticket !== this.generation) return false;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return true;
  }

  /** Drops one entry the caller found dead (expired); no generation change needed. */
  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  invalidate(change: SessionChange): void {
    this.generation++;
    this.invalidations++;
    if (change.kind === 'all') {
      this.entries.clear();
      return;
    }
    if (change.kind === 'token') {
      this.entries.delete(change.tokenHash);
      return;
    }
    for (const [hash, entry] of this.entries) {
      if (change.kind === 'user' ? entry.user.id === change.userId : entry.user.organisationId === change.organisationId) this.entries.delete(hash);
    }
  }

  /** Serving resumes (listener up) or stops (listener lost): either way start empty. */
  setEnabled(enabled: boolean): void {
    this.generation++;
    this.entries.clear();
    this.enabled = enabled;
  }

  stats(): SessionCacheStats {
    return { hits: this.hits, misses: this.misses, invalidations: this.invalidations, size: this.entries.size, enabled: this.enabled };
  }
}
