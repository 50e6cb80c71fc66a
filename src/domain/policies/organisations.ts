import { all, requireRole, type Policy } from './decision.js';

/** The directory is public knowledge inside the system; the office and the sysadmin maintain it. */
export const organisationPolicy: Policy<null, 'create' | 'update' | 'list'> = {
  list: (actor) => all(() => requireRole(actor, ...VIEWERS)),
  create: (actor) => requireRole(actor, 'office', 'sysadmin'),
  update: (actor) => requireRole(actor, 'office', 'sysadmin'),
};

const VIEWERS = [
  'office',
  'sysadmin',
  'secadmin',
  'county',
  'department',
  'agency',
  'expert',
  'committee',
  'leadership',
  'government',
  'applicant_unit',
  'applicant_individual',
] as const;
