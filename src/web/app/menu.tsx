import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  ExperimentOutlined,
  EyeOutlined,
  AuditOutlined,
  FlagOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileDoneOutlined,
  FormOutlined,
  MailOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { mayOpenPage, type PagePath } from '../../domain/pages';
import type { Role } from '../../domain/roles';

interface MenuEntry {
  path: PagePath;
  label: string;
  icon: ReactNode;
}

// Shown to the roles that may open the page (domain/pages.ts, also the route guard); what a
// user may do on it is decided by the server (abilities, 403).
const ENTRIES: MenuEntry[] = [
  { path: '/workbench', label: '工作台', icon: <CheckSquareOutlined /> },
  { path: '/applications', label: '我的申报', icon: <FormOutlined /> },
  { path: '/awards', label: '获奖与反馈', icon: <TrophyOutlined /> },
  { path: '/review', label: '申报审核', icon: <FileDoneOutlined /> },
  { path: '/expert', label: '评审任务', icon: <SolutionOutlined /> },
  { path: '/technical', label: '技术评审', icon: <ExperimentOutlined /> },
  { path: '/committee', label: '评审委员会', icon: <SolutionOutlined /> },
  { path: '/experts', label: '专家库', icon: <UserSwitchOutlined /> },
  { path: '/decision', label: '评定与公布', icon: <FlagOutlined /> },
  { path: '/supervision', label: '监督与撤销', icon: <SafetyCertificateOutlined /> },
  { path: '/editions', label: '届次管理', icon: <CalendarOutlined /> },
  { path: '/organisations', label: '组织机构', icon: <ApartmentOutlined /> },
  { path: '/users', label: '用户管理', icon: <TeamOutlined /> },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined /> },
  { path: '/access-log', label: '材料查阅记录', icon: <EyeOutlined /> },
  { path: '/calendar', label: '工作日历', icon: <ScheduleOutlined /> },
  { path: '/inbox', label: '站内通知', icon: <MailOutlined /> },
  { path: '/account', label: '账号设置', icon: <SettingOutlined /> },
];

export function menuItemsFor(roles: readonly Role[]) {
  return ENTRIES.filter((e) => mayOpenPage(roles, e.path)).map((e) => ({
    key: e.path,
    icon: e.icon,
    label: e.label,
  }));
}

/** The menu key to highlight for a location (`/editions/42` → `/editions`). */
export function selectedMenuKey(pathname: string): string {
  // An expert's scorebook belongs to their tasks.
  if (pathname.startsWith('/scorebooks/')) return '/expert';
  const hit = ENTRIES.find((e) => pathname === e.path || pathname.startsWith(`${e.path}/`));
  return hit ? hit.path : pathname;
}
