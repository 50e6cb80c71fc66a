import { requireRole, type Policy } from './decision.js';

export const profilePolicy: Policy<null, 'list' | 'create'> = {
  list: (actor) => requireRole(actor, 'office', 'leadership', 'sysadmin', 'agency', 'committee'),
  /** New Measures are entered as data by the office once the leadership group has adopted them. */
  create: (actor) => requireRole(actor, 'office'),
};

export const calendarPolicy: Policy<null, 'view' | 'edit'> = {
  view: (actor) => requireRole(actor, 'office', 'county', 'department', 'agency', 'sysadmin'),
  edit: (actor) => requireRole(actor, 'office'),
};
