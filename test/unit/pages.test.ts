import { describe, expect, it } from 'vitest';
import { mayOpenPage, pageOf, PAGE_PATHS, type PagePath } from '../../src/domain/pages.js';
import { applicationListPolicy } from '../../src/domain/policies/applications.js';
import { auditPolicy } from '../../src/domain/policies/audit.js';
import { editionCollectionPolicy } from '../../src/domain/policies/editions.js';
import { directoryScope, organisationPolicy } from '../../src/domain/policies/organisations.js';
import { calendarPolicy } from '../../src/domain/policies/profiles.js';
import { userCollectionPolicy } from '../../src/domain/policies/users.js';
import { ROLES, type Actor, type Role } from '../../src/domain/roles.js';

const actor = (role: Role): Actor => ({ userId: `u-${role}`, roles: [role], organisationId: null });

describe('pages by role (the menu and the route guard)', () => {
  it.each([
    ['/editions', '/editions'],
    ['/editions/', '/editions'],
    ['/editions/42', '/editions/:id'],
    ['/editions/42/qualification', '/editions/:id/qualification'],
    ['/applications/abc', '/applications/:id'],
    ['/organisations', '/organisations'],
    ['/nowhere', null],
    ['/editions/42/other', null],
  ])('%s is the page %s', (path, page) => {
    expect(pageOf(path)).toBe(page);
  });

  it.each(ROLES.map((r) => [r] as const))('the office pages are closed to %s unless its API admits it', (role) => {
    expect(mayOpenPage([role], '/organisations')).toBe(['office', 'sysadmin', 'secadmin'].includes(role));
    expect(mayOpenPage([role], '/editions')).toBe(role === 'office');
    expect(mayOpenPage([role], '/editions/:id')).toBe(role === 'office');
    expect(mayOpenPage([role], '/review')).toBe(['county', 'office', 'department', 'agency', 'committee', 'leadership', 'government'].includes(role));
  });

  // A page is open to exactly the roles its API serves.
  const API_OF: Partial<Record<PagePath, (a: Actor) => boolean>> = {
    '/organisations': (a) => organisationPolicy.list(a, null).ok && directoryScope(a).all,
    '/editions': (a) => editionCollectionPolicy.create(a, null).ok,
    '/editions/:id/qualification': (a) => applicationListPolicy.matrix(a, null).ok,
    '/users': (a) => userCollectionPolicy.list(a, { roles: [] }).ok,
    '/audit': (a) => auditPolicy.read(a, null).ok,
    '/calendar': (a) => calendarPolicy.edit(a, null).ok,
  };
  it.each(Object.keys(API_OF).flatMap((page) => ROLES.map((role) => [page as PagePath, role] as const)))('%s for %s agrees with its API', (page, role) => {
    expect(mayOpenPage([role], page)).toBe(API_OF[page]!(actor(role)));
  });

  it('every page pattern is matched by itself', () => {
    for (const p of PAGE_PATHS) expect(pageOf(p.replace(/:id/g, 'x'))).toBe(p);
  });
});
