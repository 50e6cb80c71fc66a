import { describe, expect, it } from 'vitest';
import { hasOutlook, roleOutlook } from '../../src/domain/role-outlook.js';

const schedule = {
  applicationDeadline: '2026-09-30',
  qualificationDeadline: '2026-10-31',
  technicalReviewDeadline: '2026-11-30',
  surveyDeadline: '2026-12-10',
  committeeMeetingOn: '2026-12-20',
};

describe('what the reviewing roles will do, and when', () => {
  it('says when each of the five roles starts, from the edition schedule', () => {
    expect(roleOutlook(['expert'], schedule)).toEqual([
      { step: '技术评审（材料评审与现场评审）', when: '预计于 2026-10-31 之后开始，2026-11-30 前完成', link: { to: '/expert', label: '查看我的评审任务' } },
    ]);
    expect(roleOutlook(['agency'], schedule).find((i) => i.step === '满意度测评')?.when).toBe('预计于 2026-11-30 之后开始，2026-12-10 前完成');
    expect(roleOutlook(['committee'], schedule)[0].when).toBe('预计于 2026-12-20 召开');
    expect(roleOutlook(['leadership'], schedule)[0].when).toContain('2026-12-20');
    expect(roleOutlook(['government'], schedule)[0].step).toBe('市政府审定并公布');
  });
  it('falls back to an earlier milestone, or says the date is not yet published', () => {
    expect(roleOutlook(['expert'], { applicationDeadline: '2026-09-30' })[0].when).toBe('预计于 2026-09-30 之后开始');
    expect(roleOutlook(['committee'], { applicationDeadline: '2026-09-30' })[0].when).toBe('日期待强市办公布');
  });
  it('points the agency to its pool and to the technical review', () => {
    const agency = roleOutlook(['agency'], schedule);
    expect(agency.map((i) => i.link?.to ?? null)).toEqual(['/experts', '/technical', null]);
    expect(agency[1]!.when).toBe('预计于 2026-10-31 之后开始，2026-11-30 前完成');
  });
  it('has nothing to say to the other roles', () => {
    expect(hasOutlook(['office', 'applicant_unit'])).toBe(false);
    expect(roleOutlook(['office'], schedule)).toEqual([]);
    expect(hasOutlook(['office', 'expert'])).toBe(true);
  });
});
