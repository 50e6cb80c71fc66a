import { DIRECTORY_ROLES } from './policies/organisations.js';
import type { Role } from './roles.js';

const APPLICANTS: readonly Role[] = ['applicant_unit', 'applicant_individual'];
/** Roles whose application list can hold anything: the county, the office, the departments, the city-wide bodies. */
const HANDLERS: readonly Role[] = ['county', 'office', 'department', 'agency', 'committee', 'leadership', 'government'];

/**
 * Every page of the signed-in area and the roles that may open it, as their APIs allow (one
 * definition for the menu and the route guard). `'all'`: every signed-in user; the page's API
 * still decides per object (404).
 */
export const PAGE_ROLES = {
  '/workbench': 'all',
  '/applications': APPLICANTS,
  '/applications/:id': 'all',
  '/review': HANDLERS,
  '/editions': ['office'],
  '/editions/:id': ['office'],
  '/editions/:id/qualification': ['office'],
  '/organisations': DIRECTORY_ROLES,
  '/users': ['sysadmin', 'secadmin'],
  '/audit': ['auditadmin'],
  // Who read which application's materials (SPEC §7): the audit administrator and the office.
  '/access-log': ['auditadmin', 'office'],
  '/calendar': ['office'],
  // The technical review (issue 11): the agency's pool and runs, the office's view of the results, the experts' work.
  '/experts': ['agency'],
  '/technical': ['agency', 'office'],
  '/technical/:id': ['agency', 'office'],
  '/expert': ['expert'],
  '/expert/editions/:id/commitment': ['expert'],
  '/scorebooks/:id/:stage': ['expert', 'agency'],
  // The decision and publication (issue 12): the office runs it, the committee, the leadership and the government decide.
  '/decision': ['office', 'committee', 'leadership', 'government'],
  '/decision/:id': ['office', 'committee', 'leadership', 'government'],
  // Awards (issue 12): the winner's certificates, prize money report and feedback reports.
  '/awards': APPLICANTS,
  // The review committee (issue 12): a member's editions, recusals and ballot sheet.
  '/committee': ['committee'],
  // Supervision and revocation (issue 13): the office investigates, the bodies decide, the committee reports, the audit administrator reads.
  '/supervision': ['office', 'leadership', 'government', 'committee', 'auditadmin'],
  '/supervision/:id': ['office', 'leadership', 'government', 'committee', 'auditadmin'],
  '/inbox': 'all',
  '/account': 'all',
} as const satisfies Record<string, readonly Role[] | 'all'>;

export type PagePath = keyof typeof PAGE_ROLES;

/** Pages anyone may open without logging in (outside the signed-in area): the home, a public notice, the winners archive, the survey, the revocation announcements. */
export const PUBLIC_PAGE_PATHS = ['/', '/notices/:id', '/winners', '/survey', '/revocations'] as const;
export type PublicPagePath = (typeof PUBLIC_PAGE_PATHS)[number];
export const PAGE_PATHS = Object.keys(PAGE_ROLES) as PagePath[];

export function mayOpenPage(roles: readonly Role[], page: PagePath): boolean {
  const allowed: readonly Role[] | 'all' = PAGE_ROLES[page];
  return allowed === 'all' || allowed.some((r) => roles.includes(r));
}

/** The page pattern a location belongs to (`/editions/42` → `/editions/:id`), or null. */
export function pageOf(pathname: string): PagePath | null {
  const parts = pathname.replace(/\/+$/, '').split('/');
  return (
    PAGE_PATHS.find((p) => {
      const pattern = p.split('/');
      return pattern.length === parts.length && pattern.every((seg, i) => seg.startsWith(':') ? parts[i] !== '' : seg === parts[i]);
    }) ?? null
  );
}
