import { requireRole, type Policy } from './decision.js';

/** Only the audit administrator reads the trail; nobody may change it (the database refuses too). */
export const auditPolicy: Policy<null, 'read' | 'verify'> = {
  read: (actor) => requireRole(actor, 'auditadmin'),
  verify: (actor) => requireRole(actor, 'auditadmin'),
};
