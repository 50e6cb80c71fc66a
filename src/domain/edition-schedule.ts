/**
 * The edition's schedule: named deadlines in procedure order (SPEC §4). Each later
 * milestone may not fall before an earlier one, and the application deadline may not
 * precede the opening date.
 */
export const SCHEDULE_MILESTONES = [
  { key: 'applicationDeadline', label: '申报截止', required: true },
  { key: 'recommendationDeadline', label: '县区推荐截止', required: false },
  { key: 'acceptanceDeadline', label: '受理截止', required: false },
  { key: 'qualificationDeadline', label: '资格审查截止', required: false },
  { key: 'technicalReviewDeadline', label: '技术评审截止', required: false },
  { key: 'surveyDeadline', label: '满意度测评截止', required: false },
  { key: 'committeeMeetingOn', label: '评审委全体会议', required: false },
] as const;

export type MilestoneKey = (typeof SCHEDULE_MILESTONES)[number]['key'];
export type Schedule = { applicationDeadline: string } & Partial<Record<MilestoneKey, string | null>>;

export interface ScheduleProblem {
  field: MilestoneKey;
  message: string;
}

export function scheduleProblems(schedule: Schedule, opensOn: string): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (schedule.applicationDeadline < opensOn) {
    problems.push({ field: 'applicationDeadline', message: `申报截止日期不能早于届次开启日期 ${opensOn}` });
  }
  let previous: { label: string; date: string } | null = null;
  for (const milestone of SCHEDULE_MILESTONES) {
    const date = schedule[milestone.key];
    if (!date) continue;
    if (previous && date < previous.date) {
      problems.push({ field: milestone.key, message: `${milestone.label}日期不能早于${previous.label}日期（${previous.date}）` });
    }
    previous = { label: milestone.label, date };
  }
  return problems;
}
