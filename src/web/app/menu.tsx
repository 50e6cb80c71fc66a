import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileDoneOutlined,
  FormOutlined,
  MailOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '../../domain/roles';

interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** Roles that see the entry; `'all'` for every signed-in user. */
  roles: readonly Role[] | 'all';
}

// Navigation only: what a user may actually do is decided by the server (abilities, 403).
const ENTRIES: MenuEntry[] = [
  { path: '/workbench', label: '工作台', icon: <CheckSquareOutlined />, roles: 'all' },
  { path: '/applications', label: '我的申报', icon: <FormOutlined />, roles: ['applicant_unit', 'applicant_individual'] },
  { path: '/review', label: '申报审核', icon: <FileDoneOutlined />, roles: ['county', 'office', 'department'] },
  { path: '/editions', label: '届次管理', icon: <CalendarOutlined />, roles: ['office'] },
  { path: '/organisations', label: '组织机构', icon: <ApartmentOutlined />, roles: ['office', 'sysadmin'] },
  { path: '/users', label: '用户管理', icon: <TeamOutlined />, roles: ['sysadmin', 'secadmin'] },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, roles: ['auditadmin'] },
  { path: '/calendar', label: '工作日历', icon: <ScheduleOutlined />, roles: ['office'] },
  { path: '/inbox', label: '站内通知', icon: <MailOutlined />, roles: 'all' },
  { path: '/account', label: '账号设置', icon: <SettingOutlined />, roles: 'all' },
];

export function menuItemsFor(roles: readonly Role[]) {
  return ENTRIES.filter((e) => e.roles === 'all' || e.roles.some((r) => roles.includes(r))).map((e) => ({
    key: e.path,
    icon: e.icon,
    label: e.label,
  }));
}

/** The menu key to highlight for a location (`/editions/42` → `/editions`). */
export function selectedMenuKey(pathname: string): string {
  const hit = ENTRIES.find((e) => pathname === e.path || pathname.startsWith(`${e.path}/`));
  return hit ? hit.path : pathname;
}
