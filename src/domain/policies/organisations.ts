import { ROLES } from '../roles.js';
import { requireRole, type Policy } from './decision.js';

/** Everyone signed in except the audit administrator, whose only business is the audit trail. */
const VIEWERS = ROLES.filter((r) => r !== 'auditadmin');

/** The directory is public knowledge inside the system; the office and the sysadmin maintain it. */
export const organisationPolicy: Policy<null, 'create' | 'update' | 'list'> = {
  list: (actor) => requireRole(actor, ...VIEWERS),
  create: (actor) => requireRole(actor, 'office', 'sysadmin'),
  update: (actor) => requireRole(actor, 'office', 'sysadmin'),
};

