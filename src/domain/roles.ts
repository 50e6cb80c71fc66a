/**
 * Every role of SPEC §1. A person may hold several; the three operator roles
 * (sysadmin, secadmin, auditadmin) are kept apart by policy (等保 separation of duties).
 */
export const ROLES = [
  'applicant_unit',
  'applicant_individual',
  'county',
  'office',
  'department',
  'agency',
  'expert',
  'committee',
  'leadership',
  'government',
  'sysadmin',
  'secadmin',
  'auditadmin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  applicant_unit: '申报单位',
  applicant_individual: '申报个人',
  county: '县区推荐单位',
  office: '强市办',
  department: '资格审查部门',
  agency: '第三方机构',
  expert: '评审专家',
  committee: '评审委员会委员',
  leadership: '质量强市工作领导小组',
  government: '市政府',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
};

/** Organisation kinds of the directory; a role that acts for a body must belong to one of the right kind. */
export const ORGANISATION_KINDS = ['county', 'department', 'agency', 'applicant', 'office', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLE_ORGANISATION_KIND: Partial<Record<Role, OrganisationKind>> = {
  county: 'county',
  department: 'department',
  agency: 'agency',
};

/** Roles that no one account may combine (separation of duties). */
export const EXCLUSIVE_OPERATOR_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditadmin'];

/** The authenticated caller as the domain sees it; the public is `null`. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  /** The organisation the user acts for (county body, department, agency, applicant unit). */
  organisationId: string | null;
}

export function hasRole(actor: Actor | null, role: Role): boolean {
  return actor !== null && actor.roles.includes(role);
}

/** Returns a Chinese reason when a set of roles is not allowed on one account, else null. */
export function roleSetProblem(roles: readonly Role[]): string | null {
  const operators = roles.filter((r) => EXCLUSIVE_OPERATOR_ROLES.includes(r));
  if (operators.length > 1) return '系统管理员、安全管理员、审计管理员三种角色不得由同一账号兼任';
  if (operators.length === 1 && roles.length > 1) return '运维管理角色不得与业务角色兼任';
  const applicant = roles.some((r) => r === 'applicant_unit' || r === 'applicant_individual');
  if (applicant && roles.length > 1) return '申报账号不得兼任其他角色';
  return null;
}
