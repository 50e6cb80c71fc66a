import { hasRole, type Actor, type Role } from '../roles.js';
import { requireRole, type Policy } from './decision.js';

/** Who reads the whole directory: the office and the administrators who maintain accounts. */
export const DIRECTORY_ROLES: readonly Role[] = ['office', 'sysadmin', 'secadmin'];
/** An applicant reads its own organisation only; every other role is refused. */
const OWN_ORGANISATION_ROLES: readonly Role[] = ['applicant_unit', 'applicant_individual'];

/** The office and the sysadmin maintain the directory; it is not public knowledge (credit codes). */
export const organisationPolicy: Policy<null, 'create' | 'update' | 'list'> = {
  list: (actor) => requireRole(actor, ...DIRECTORY_ROLES, ...OWN_ORGANISATION_ROLES),
  create: (actor) => requireRole(actor, 'office', 'sysadmin'),
  update: (actor) => requireRole(actor, 'office', 'sysadmin'),
};

/** Which rows a directory list shows the actor: all, or only its own organisation (none when it has none). */
export type DirectoryScope = { all: true } | { all: false; organisationId: string | null };

export function directoryScope(actor: Actor | null): DirectoryScope {
  if (DIRECTORY_ROLES.some((r) => hasRole(actor, r))) return { all: true };
  return { all: false, organisationId: actor?.organisationId ?? null };
}
