import { ROLE_LABELS, type OrganisationKind, type Role } from '../../domain/roles';
import type { EditionStatus } from '../../contract/editions';

export const EDITION_STATUS_LABELS: Record<EditionStatus, string> = {
  draft: '草稿',
  open: '申报中',
  closed: '已结束',
};

export const EDITION_STATUS_COLORS: Record<EditionStatus, string> = {
  draft: 'default',
  open: 'processing',
  closed: 'success',
};

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  county: '县区',
  department: '部门',
  agency: '第三方机构',
  applicant: '申报单位',
  office: '强市办',
  other: '其他',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

export function roleLabels(roles: readonly string[]): string {
  return roles.map(roleLabel).join('、');
}

export function editionNumberLabel(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `第${n}届`;
}
