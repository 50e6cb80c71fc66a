import type { Role } from './roles.js';
import type { MilestoneKey } from './edition-schedule.js';

/** What a reviewing role will be asked to do in the current edition, and when (Chinese, for the workbench). */
export interface OutlookItem {
  step: string;
  when: string;
  /** The page where the role does this work, when it has one (a signed-in page path). */
  link?: { to: string; label: string };
}

type Dates = Partial<Record<MilestoneKey, string | null>>;

const TBD = '日期待强市办公布';

/** The first date set among `keys` (a later milestone stands in for one left unset). */
const first = (dates: Dates, ...keys: MilestoneKey[]) => keys.map((k) => dates[k]).find((d): d is string => Boolean(d)) ?? null;

function span(start: string | null, end: string | null): string {
  if (start && end) return `预计于 ${start} 之后开始，${end} 前完成`;
  if (start) return `预计于 ${start} 之后开始`;
  if (end) return `${end} 前完成`;
  return TBD;
}

const OUTLOOK: Partial<Record<Role, (d: Dates) => OutlookItem[]>> = {
  expert: (d) => [
    {
      step: '技术评审（材料评审与现场评审）',
      when: span(first(d, 'qualificationDeadline', 'acceptanceDeadline', 'recommendationDeadline', 'applicationDeadline'), first(d, 'technicalReviewDeadline')),
      link: { to: '/expert', label: '查看我的评审任务' },
    },
  ],
  agency: (d) => [
    { step: '专家库（专家信息、账号、回避信息）', when: '评审开始前建立，随时维护', link: { to: '/experts', label: '管理专家库' } },
    {
      step: '技术评审（评审组分配、评分汇总与校准、晋级、结果报告）',
      when: span(first(d, 'qualificationDeadline', 'acceptanceDeadline', 'recommendationDeadline', 'applicationDeadline'), first(d, 'technicalReviewDeadline')),
      link: { to: '/technical', label: '进入技术评审' },
    },
    { step: '满意度测评', when: span(first(d, 'technicalReviewDeadline', 'qualificationDeadline'), first(d, 'surveyDeadline')) },
  ],
  committee: (d) => [
    { step: '评审委员会全体会议（审议技术评审与满意度测评结果，投票）', when: d.committeeMeetingOn ? `预计于 ${d.committeeMeetingOn} 召开` : TBD },
  ],
  leadership: (d) => [
    { step: '质量强市工作领导小组审定', when: d.committeeMeetingOn ? `预计于评审委员会全体会议（${d.committeeMeetingOn}）之后开始` : TBD },
  ],
  government: (d) => [
    { step: '市政府审定并公布', when: d.committeeMeetingOn ? `预计于领导小组审定之后开始（评审委员会全体会议定于 ${d.committeeMeetingOn}）` : TBD },
  ],
};

/** The reviewing roles' coming work, in the roles' order; empty for other roles. */
export function roleOutlook(roles: readonly Role[], dates: Dates): OutlookItem[] {
  return roles.flatMap((role) => OUTLOOK[role]?.(dates) ?? []);
}

/** Whether any of these roles waits for a later phase (and so needs the outlook shown). */
export function hasOutlook(roles: readonly Role[]): boolean {
  return roles.some((role) => OUTLOOK[role] !== undefined);
}
