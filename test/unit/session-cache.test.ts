import { describe, expect, it } from 'vitest';
import { SessionCache, type CachedSession } from '../../src/services/auth/session-cache.js';

const entry = (userId: string, organisationId: string | null = null): CachedSession => ({
  user: { id: userId, username: userId, displayName: userId, roles: ['office'], organisationId, organisationName: organisationId },
  actor: { userId, roles: ['office'], organisationId },
  csrfToken: 'csrf',
  lastSeenAt: new Date('2026-01-01T00:00:00Z'),
  expiresAt: new Date('2026-01-01T12:00:00Z'),
});

const filled = (pairs: Array<[string, CachedSession]>, maxEntries = 100) => {
  const cache = new SessionCache({ enabled: true, maxEntries });
  for (const [hash, e] of pairs) cache.store(hash, e, cache.ticket());
  return cache;
};

describe('the session cache', () => {
  it('serves what was stored and counts hits and misses', () => {
    const cache = filled([['h1', entry('u1')]]);
    expect(cache.get('h1')?.user.id).toBe('u1');
    expect(cache.get('h2')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });

  it('refuses an answer read before an invalidation (a lookup racing a logout)', () => {
    const cache = filled([]);
    const ticket = cache.ticket(); // the lookup starts reading the database …
    cache.invalidate({ kind: 'token', tokenHash: 'h1' }); // … the logout commits meanwhile …
    expect(cache.store('h1', entry('u1'), ticket)).toBe(false); // … and its stale answer stays out
    expect(cache.get('h1')).toBeUndefined();
    // Any invalidation counts, even of another session: the ticket is a generation, not a key.
    const second = cache.ticket();
    cache.invalidate({ kind: 'user', userId: 'someone-else' });
    expect(cache.store('h1', entry('u1'), second)).toBe(false);
    expect(cache.store('h1', entry('u1'), cache.ticket())).toBe(true);
  });

  it('drops by token, by user, by organisation and all', () => {
    const cache = filled([
      ['a', entry('u1', 'o1')],
      ['b', entry('u1', 'o1')],
      ['c', entry('u2', 'o1')],
      ['d', entry('u3', 'o2')],
      ['e', entry('u4', null)],
    ]);
    cache.invalidate({ kind: 'token', tokenHash: 'e' });
    expect(cache.stats().size).toBe(4);
    cache.invalidate({ kind: 'user', userId: 'u1' });
    expect(['a', 'b', 'c', 'd'].map((h) => cache.get(h) !== undefined)).toEqual([false, false, true, true]);
    cache.invalidate({ kind: 'organisation', organisationId: 'o1' });
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('d')).toBeDefined();
    cache.invalidate({ kind: 'all' });
    expect(cache.stats().size).toBe(0);
  });

  it('keeps at most maxEntries, evicting the least recently used', () => {
    const cache = filled(
      [
        ['a', entry('u1')],
        ['b', entry('u2')],
        ['c', entry('u3')],
      ],
      3,
    );
    cache.get('a'); // a is now the most recent; b the least
    cache.store('d', entry('u4'), cache.ticket());
    expect(cache.stats().size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].every((h) => cache.get(h) !== undefined)).toBe(true);
  });

  it('serves and stores nothing while disabled, and starts empty when enabled again', () => {
    const cache = filled([['a', entry('u1')]]);
    const before = cache.ticket();
    cache.setEnabled(false); // the listener connection is lost
    expect(cache.get('a')).toBeUndefined();
    expect(cache.store('b', entry('u2'), cache.ticket())).toBe(false);
    const duringOutage = cache.ticket();
    cache.setEnabled(true); // listening again
    expect(cache.get('a')).toBeUndefined();
    // Lookups that read while no notification could arrive must not fill the cache afterwards.
    expect(cache.store('b', entry('u2'), duringOutage)).toBe(false);
    expect(cache.store('b', entry('u2'), before)).toBe(false);
    expect(cache.store('b', entry('u2'), cache.ticket())).toBe(true);
  });
});
